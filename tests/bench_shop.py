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
            "password": "bench_shop_buyer",
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


def serve(env, database):
    """Odoo's HTTP server on this transaction, as HttpCase runs it: every
    request works on the benchmark's cursor (rolled back at the end)."""
    import odoo.http
    from odoo.service.server import ThreadedServer
    from odoo.tools import config

    config["db_name"] = database
    config["dbfilter"] = f"^{database}$"
    env.flush_all()
    env.registry.enter_test_mode(env.cr)
    server = ThreadedServer(odoo.http.root)
    server.http_spawn()
    return server, f"http://127.0.0.1:{server.port}"


def session(base, database, login=None):
    import requests

    browser = requests.Session()
    if login:
        browser.post(
            f"{base}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": database, "login": login, "password": login},
            },
            timeout=60,
        ).raise_for_status()
    return browser


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
        start = time.perf_counter()
        user, requests = build(env, args.products, args.specials)
        print(
            f"built {args.products} products, {len(requests.pricelist_item_ids)} "
            f"special price rules in {time.perf_counter() - start:.1f} s"
        )
        server, base = serve(env, args.database)
        try:
            results = {}
            for label, login in (("public visitor", None), ("partner", user.login)):
                browser = session(base, args.database, login)
                page = browser.get(f"{base}/shop", timeout=120)  # warm-up
                page.raise_for_status()
                if login and "o_prm_price_label" not in page.text:
                    raise SystemExit("the partner's shop page shows no partner price")
                queries = env.cr.sql_log_count
                start = time.perf_counter()
                for _run in range(args.repeat):
                    browser.get(f"{base}/shop", timeout=120).raise_for_status()
                seconds = (time.perf_counter() - start) / args.repeat
                queries = (env.cr.sql_log_count - queries) / args.repeat
                results[label] = (seconds, queries)
                print(
                    f"shop page, {label}: {seconds * 1000:.0f} ms, {queries:.0f} "
                    f"SQL queries (mean of {args.repeat})"
                )
        finally:
            server.httpd.shutdown()
            env.registry.leave_test_mode()
        ratio = results["partner"][0] / results["public visitor"][0]
        print(
            f"partner / visitor: {ratio:.2f}x (target 1.5x) "
            f"{'ok' if ratio <= 1.5 else 'OVER TARGET'}"
        )


if __name__ == "__main__":
    main()
