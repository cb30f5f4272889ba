#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: commission computation and settlement at scale.

Creates (inside one transaction that is rolled back at the end) a company
with a commission plan (tier, partner, category and bracket rules plus a
SPIFF), channel partners and confirmed sale orders of 5 lines, then:

1. computes the commissions of 10,000 order lines (each line earns a rule
   line and a SPIFF line, so 20,000 commission lines);
2. settles those 20,000 lines with the settlement wizard.

Prints lines per second and SQL query counts for each step, and checks that
the computation's query count does not depend on the number of orders.

Usage (the database needs prm_commission installed):

    python tests/bench_commission.py -c odoo.conf -d mydb [-n 10000]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_ORDER_LINES in the
environment. Run it with the Python of the Odoo environment.
"""

import time
from datetime import date, datetime

import bench_common

LINES_PER_ORDER = 5


def build(env, order_lines):
    """Company, plan, partners and confirmed orders; returns (env, orders)."""
    env, partners, products, customer = build_plan(env)
    orders = draft_orders(
        env, partners, products, customer, max(order_lines // LINES_PER_ORDER, 1)
    )
    # Confirmed straight in the database: the benchmark is about commissions,
    # not about confirming thousands of orders.
    env.flush_all()
    env.cr.execute(
        "UPDATE sale_order SET state = 'sale' WHERE id = ANY(%s)", [orders.ids]
    )
    env.invalidate_all()
    return env, orders.with_env(env)


def build_plan(env):
    """Company, plan with its rules and SPIFF, 100 channel partners, the
    products and a customer; returns (env, partners, products, customer)."""
    from odoo import Command

    company = env["res.company"].create({"name": "PRM Commission Benchmark"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    Tier = env["prm.tier"]
    silver = Tier.create({"name": "Bench Silver", "rank": 10})
    gold = Tier.create({"name": "Bench Gold", "rank": 20})
    products = bench_products(env)
    hardware = products[1].categ_id
    root = hardware.parent_id
    plan = env["prm.commission.plan"].create(
        {"name": "Bench Plan", "basis": "order_confirmed", "period": "year"}
    )
    silver.commission_plan_id = plan
    gold.commission_plan_id = plan
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench Partner {index:03d}",
                "is_company": True,
                "prm_is_partner": True,
                "prm_partner_type": "reseller",
                "prm_tier_id": (gold if index % 3 == 0 else silver).id,
            }
            for index in range(100)
        ]
    )
    Rule = env["prm.commission.rule"]
    Rule.create({"name": "All", "plan_id": plan.id, "rate": 5.0})
    Rule.create({"name": "Gold", "plan_id": plan.id, "rate": 8.0, "tier_ids": gold.ids})
    Rule.create(
        {
            "name": "Hardware",
            "plan_id": plan.id,
            "compute_mode": "percent_margin",
            "rate": 20.0,
            "categ_ids": hardware.ids,
        }
    )
    Rule.create(
        {
            "name": "Key partners",
            "plan_id": plan.id,
            "partner_ids": partners[:10].ids,
            "bracket_ids": [
                Command.create({"amount_from": 0, "amount_to": 20000, "rate": 6}),
                Command.create({"amount_from": 20000, "amount_to": 0, "rate": 9}),
            ],
        }
    )
    env["prm.commission.spiff"].create(
        {
            "name": "Bench SPIFF",
            "plan_id": plan.id,
            "date_from": date(2025, 1, 1),
            "date_to": date(2025, 12, 31),
            "categ_ids": root.ids,
            "fixed_amount": 1.0,
        }
    )
    customer = env["res.partner"].create({"name": "Bench Customer"})
    return env, partners, products, customer


def bench_products(env):
    """One product a line of an order, hardware and software in turn."""
    from odoo import Command

    root = env["product.category"].create({"name": "Bench Products"})
    hardware, software = env["product.category"].create(
        [
            {"name": "Bench Hardware", "parent_id": root.id},
            {"name": "Bench Software", "parent_id": root.id},
        ]
    )
    return env["product.product"].create(
        [
            {
                "name": f"Bench Product {index}",
                "categ_id": (hardware if index % 2 else software).id,
                "list_price": 100.0 + index,
                "standard_price": 60.0,
                "taxes_id": [Command.clear()],
            }
            for index in range(LINES_PER_ORDER)
        ]
    )


def draft_orders(env, partners, products, customer, order_count):
    """``order_count`` quotations of one line per product, spread over the
    partners (none: no channel partner, as in a database without the
    suite) and June 2025."""
    from odoo import Command

    return env["sale.order"].create(
        [
            {
                "partner_id": customer.id,
                **(
                    {"prm_partner_id": partners[index % len(partners)].id}
                    if partners
                    else {}
                ),
                "date_order": datetime(2025, 6, 1 + index % 28, 10, 0),
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1 + index % 4,
                            "price_unit": product.list_price,
                            "tax_id": [Command.clear()],
                        }
                    )
                    for product in products
                ],
            }
            for index in range(order_count)
        ]
    )


def main():
    args = bench_common.parse_args(
        __doc__,
        "-n",
        "--order-lines",
        default=10000,
        size_env="PRM_BENCH_ORDER_LINES",
        size_help="number of sale order lines to compute (default 10000)",
    )
    with bench_common.odoo_env(args, "prm.commission.line", "prm_commission") as env:
        start = time.perf_counter()
        env, orders = build(env, args.order_lines)
        sale_lines = len(orders.order_line)
        print(
            f"setup: {len(orders)} confirmed orders, {sale_lines} order lines in "
            f"{time.perf_counter() - start:.1f} s"
        )
        Line = env["prm.commission.line"]
        small = orders[: max(len(orders) // 10, 1)]
        rest = orders - small
        # order line counts read before measuring: only the computation counts
        small_lines, rest_lines = len(small.order_line), len(rest.order_line)
        small_queries = bench_common.measure(env, small._prm_commission_sync).report(
            f"compute {len(small)} orders", small_lines, "order lines"
        )
        big_queries = bench_common.measure(env, rest._prm_commission_sync).report(
            f"compute {len(rest)} orders", rest_lines, "order lines"
        )
        bench_common.print_same_queries("order count", small_queries, big_queries)
        total = Line.search_count([("order_id", "in", orders.ids)])
        print(f"commission lines: {total} for {sale_lines} order lines")
        bench_common.measure(env, orders._prm_commission_sync).report(
            "recompute all orders (no new line)", sale_lines, "order lines"
        )
        wizard = env["prm.commission.settlement.wizard"].create(
            {"period": "month", "date": date(2025, 6, 1)}
        )
        settled = bench_common.measure(env, wizard._prm_create_settlements)
        settled.report(
            "settle",
            sum(len(s.line_ids) for s in settled.result),
            "commission lines",
        )


if __name__ == "__main__":
    main()
