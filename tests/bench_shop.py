#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: the shop page of a partner with special prices vs a visitor.

Creates (inside one transaction that is rolled back at the end) N published
products, a channel partner whose tier gives an 18% pricelist, its portal
contact and S approved special price requests (one product each, so S dated
rules in the partner's own pricelist), then renders the first shop page
(``/shop``, Odoo's own controller and templates) for the public visitor and
for the partner, in the same run, R times each after a warm-up. Prints the
mean time and SQL queries of each and their ratio (target: the partner's
page within 1.5x of the visitor's).

Usage (the database needs prm_portal installed):

    python tests/bench_shop.py -c odoo.conf -d mydb [-n 1000] [--specials 50]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_PRODUCTS in the
environment. Run it with the Python of the Odoo environment.
"""

import time
from datetime import timedelta

import bench_common


def build(env, size, specials):
    from odoo import Command, fields

    products = env["product.template"].create(
        [
            {
                "name": f"Benchmark Product {index:05d}",
                "default_code": f"BENCH-{index:05d}",
                "list_price": 100.0 + index,
                "sale_ok": True,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
            for index in range(size)
        ]
    )
    pricelist = env["product.pricelist"].create(
        {
            "name": "Benchmark Gold prices",
            "item_ids": [
                Command.create(
                    {
                        "applied_on": "3_global",
                        "compute_price": "percentage",
                        "percent_price": 18,
                    }
                )
            ],
        }
    )
    tier = env["prm.tier"].create(
        {"name": "Benchmark Gold", "rank": 98765, "pricelist_id": pricelist.id}
    )
    partner = env["res.partner"].create(
        {
            "name": "Benchmark Shop Reseller",
            "is_company": True,
            "prm_is_partner": True,
            "prm_partner_type": "reseller",
            "prm_stage": "active",
            "prm_tier_id": tier.id,
        }
    )
    user = env["res.users"].create(
        {
            "name": "Benchmark Shop Buyer",
            "login": "bench_shop_buyer",
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    user.partner_id.parent_id = partner
    partner._prm_apply_tier_pricelists()
    lead = env["crm.lead"].create(
        {
            "name": "Benchmark tender",
            "type": "opportunity",
            "prm_partner_id": partner.id,
        }
    )
    today = fields.Date.today()
    requests = env["prm.price.request"].create(
        [
            {
                "partner_id": partner.id,
                "lead_id": lead.id,
                "product_ids": [Command.set(product.ids)],
                "discount": 5.0,
                "date_end": today + timedelta(days=30),
            }
            for product in products[:specials]
        ]
    )
    requests._prm_submit()
    requests.action_approve()
    env.flush_all()
    return user, requests


def render_shop(env, user, website):
    from odoo.addons.website.tools import MockRequest
    from odoo.addons.website_sale.controllers.main import WebsiteSale

    user_env = env(user=user.id, su=False)
    with MockRequest(user_env, website=website.with_env(user_env), path="/shop"):
        response = WebsiteSale().shop()
        return response.render()


def main():
    args = bench_common.parse_args(
        __doc__,
        "-n",
        "--products",
        default=1000,
        size_env="PRM_BENCH_PRODUCTS",
        size_help="published products in the catalogue",
        int_options={"--specials": 50, "--repeat": 5},
    )
    with bench_common.odoo_env(args, "prm.price.request", "prm_portal") as env:
        website = env["website"].get_current_website()
        start = time.perf_counter()
        user, requests = build(env, args.products, args.specials)
        print(
            f"built {args.products} products, {len(requests.pricelist_item_ids)} "
            f"special price rules in {time.perf_counter() - start:.1f} s"
        )
        visitor = website.user_id
        results = {}
        for label, who in (("public visitor", visitor), ("partner", user)):
            html = render_shop(env, who, website)  # warm-up
            if label == "partner" and b"o_prm_price_label" not in html:
                raise SystemExit("the partner's shop page shows no partner price")
            seconds = queries = 0
            for _run in range(args.repeat):
                measured = bench_common.measure(
                    env, lambda w=who: render_shop(env, w, website)
                )
                seconds += measured.seconds
                queries += measured.queries
            results[label] = (seconds / args.repeat, queries / args.repeat)
            print(
                f"shop page, {label}: {results[label][0] * 1000:.0f} ms, "
                f"{results[label][1]:.0f} SQL queries (mean of {args.repeat})"
            )
        ratio = results["partner"][0] / results["public visitor"][0]
        print(
            f"partner / visitor: {ratio:.2f}x (target 1.5x) "
            f"{'ok' if ratio <= 1.5 else 'OVER TARGET'}"
        )


if __name__ == "__main__":
    main()
