#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: refresh of the business plan KPIs and the channel funnel.

Builds (inside one transaction that is rolled back at the end) the partners,
orders, won deals and certifications of the tier benchmark, one plan of the
current quarter per partner with four KPIs, then refreshes every KPI and
reads the funnel per partner. Each is measured next to the bare SQL
aggregate of the same figures; the query count must not depend on N.

Usage (the database needs prm_partner installed):

    python tests/bench_plan_kpis.py -c odoo.conf -d mydb [-n 10000]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_PARTNERS in the
environment. Run it with the Python of the Odoo environment.
"""

import time
from datetime import date

import bench_common
from bench_tier_evaluation import build

KINDS = ("revenue", "won_deals", "new_customers", "certified_contacts")

BARE_SQL = """
    SELECT prm_partner_id, SUM(amount_untaxed) FROM sale_order
     WHERE prm_partner_id = ANY(%(ids)s) AND state = 'sale'
       AND date_order >= %(start)s AND date_order < %(end)s
     GROUP BY prm_partner_id;
    SELECT l.prm_partner_id, COUNT(*) FROM crm_lead l
      JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.prm_partner_id = ANY(%(ids)s) AND s.is_won
       AND l.date_closed >= %(start)s AND l.date_closed < %(end)s
     GROUP BY l.prm_partner_id;
    SELECT prm_partner_id, partner_id, MIN(date_order) FROM sale_order
     WHERE prm_partner_id = ANY(%(ids)s) AND state = 'sale'
     GROUP BY prm_partner_id, partner_id;
    SELECT partner_id, COUNT(DISTINCT contact_id) FROM prm_certification
     WHERE partner_id = ANY(%(ids)s) AND state IN ('valid', 'expiring')
     GROUP BY partner_id;
"""

FUNNEL_SQL = """
    SELECT l.prm_partner_id, COUNT(*),
           SUM(CASE WHEN l.prm_routed_on IS NOT NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN l.type = 'opportunity' THEN 1 ELSE 0 END),
           SUM(CASE WHEN s.is_won THEN 1 ELSE 0 END),
           SUM(CASE WHEN s.is_won THEN l.expected_revenue ELSE 0 END)
      FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.prm_partner_id IS NOT NULL
     GROUP BY l.prm_partner_id
"""


def plans(partners):
    from odoo import Command

    today = date.today()
    return partners.env["prm.business.plan"].create(
        [
            {
                "partner_id": partner.id,
                "date_from": today,
                "kpi_ids": [Command.create({"kind": k, "goal": 10}) for k in KINDS],
            }
            for partner in partners
        ]
    )


def bare(env, partners, plan):
    start = time.perf_counter()
    env.cr.execute(
        BARE_SQL,
        {"ids": partners.ids, "start": plan.date_from, "end": plan.date_to},
    )
    return time.perf_counter() - start


def main():
    args = bench_common.parse_args(
        __doc__, "-n", "--partners", default=10000, size_env="PRM_BENCH_PARTNERS"
    )
    with bench_common.odoo_env(args, "prm.business.plan.kpi", "prm_partner") as env:
        start = time.perf_counter()
        partners = build(env, args.partners)
        # the orders of the tier benchmark are dated 1 January: count the year
        env.cr.execute(
            "UPDATE sale_order SET date_order = now() WHERE id = ANY(%s)",
            [
                partners.env["sale.order"]
                .search([("prm_partner_id", "in", partners.ids)])
                .ids
            ],
        )
        all_plans = plans(partners)
        env.flush_all()
        print(f"setup: {args.partners} partners in {time.perf_counter() - start:.1f} s")
        kpis = all_plans.kpi_ids
        run = bench_common.measure(env, kpis._prm_refresh_actuals)
        run.report("KPI refresh", len(kpis), "KPIs")
        sql_seconds = bare(env, partners, all_plans[:1])
        print(
            f"bare SQL aggregate of the same figures: {sql_seconds:.2f} s; "
            f"refresh / SQL = {run.seconds / sql_seconds:.1f}x "
            "(the refresh also stores every KPI)"
        )
        env.cr.execute(
            "SELECT k.id, p.partner_id, k.kind, p.date_from, p.date_to, p.company_id"
            "  FROM prm_business_plan_kpi k"
            "  JOIN prm_business_plan p ON p.id = k.plan_id WHERE k.id = ANY(%s)",
            [kpis.ids],
        )
        items = env.cr.fetchall()
        figures = bench_common.measure(
            env, lambda: env["res.partner"]._prm_kpi_actuals(items)
        )
        print(
            f"figures only (no storing): {figures.seconds:.2f} s, "
            f"{figures.queries} SQL queries; figures / SQL = "
            f"{figures.seconds / sql_seconds:.1f}x"
        )
        small = all_plans[: max(len(all_plans) // 100, 10)].kpi_ids
        small_run = bench_common.measure(env, small._prm_refresh_actuals)
        small_run.report("KPI refresh, 1% of the plans", len(small), "KPIs")
        bench_common.print_same_queries(
            "plan count", small_run.queries, run.queries, note=""
        )
        Report = env["prm.channel.funnel.report"]
        funnel = bench_common.measure(
            env,
            lambda: Report._read_group(
                [],
                ["partner_id"],
                [
                    "lead_count:sum",
                    "routed_count:sum",
                    "opportunity_count:sum",
                    "won_count:sum",
                    "won_revenue:sum",
                ],
            ),
        )
        funnel.report("funnel per partner", len(funnel.result), "partners")
        start = time.perf_counter()
        env.cr.execute(FUNNEL_SQL)
        funnel_sql = time.perf_counter() - start
        print(
            f"bare SQL funnel: {funnel_sql:.2f} s; report / SQL = "
            f"{funnel.seconds / funnel_sql:.1f}x"
        )


if __name__ == "__main__":
    main()
