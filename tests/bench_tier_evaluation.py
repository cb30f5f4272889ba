#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: tier evaluation of many channel partners.

Creates (inside one transaction that is rolled back at the end) a company with
a four-tier ladder and N channel partners with attributed sale orders, won
opportunities, certifications and agreements, then evaluates every partner
twice: the first run promotes them, the second is the steady state. Prints
partners per second and the SQL query count of each run; the query count
must not depend on N.

Then the tier preview (evaluation without applying) of the N partners over
their orders (``--orders``, spread over two years) side by side with the bare
SQL aggregate of their revenue, each the best of five runs, and the ratio,
with the full garbage collections of the five previews; then beside the bare
SQL revenue aggregate over the ladder's 12 and 24 months windows (what the
preview reads), and beside the bare SQL of every figure the rules read.
``--profile`` prints the cProfile of one preview.

Usage (the database needs prm_partner installed):

    python tests/bench_tier_evaluation.py -c odoo.conf -d mydb [-n 10000]
        [--orders 200000] [--profile]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_PARTNERS in the
environment. Run it with the Python of the Odoo environment.
"""

import cProfile
import pstats
import time
from datetime import date, datetime, timedelta

import bench_common


def build(env, size, order_count):
    """Company, tiers and ``size`` partners with metrics; returns the partners."""
    from odoo import Command

    company = env["res.company"].create({"name": "PRM Benchmark Vendor"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    cert_type = env["prm.certification.type"].create(
        {"name": "Benchmark Certification", "validity_months": 24}
    )
    agreement_type = env["prm.agreement.type"].create({"name": "Benchmark Agreement"})
    Tier = env["prm.tier"]
    Tier.create({"name": "Registered", "rank": 0})
    Tier.create({"name": "Silver", "rank": 10, "min_revenue": 1000, "min_won_deals": 1})
    Tier.create(
        {
            "name": "Gold",
            "rank": 20,
            "min_revenue": 5000,
            "min_won_deals": 2,
            "min_certified_contacts": 1,
            "required_certification_type_ids": [Command.set(cert_type.ids)],
        }
    )
    Tier.create(
        {
            "name": "Platinum",
            "rank": 30,
            "min_revenue": 20000,
            "min_won_deals": 3,
            "revenue_window_months": 24,
            "required_agreement_type_id": agreement_type.id,
        }
    )
    partners = env["res.partner"].create(
        [
            {
                "name": f"Benchmark Partner {index:05d}",
                "is_company": True,
                "prm_is_partner": True,
                "prm_partner_type": "reseller",
                "company_id": company.id,
            }
            for index in range(size)
        ]
    )
    customer = env["res.partner"].create({"name": "Benchmark Customer"})
    # One order by the ORM, copied in SQL ``order_count`` times: the benchmark
    # is about evaluation, not about confirming thousands of orders. Every
    # second partner sells; amounts spread the partners across the tiers,
    # dates over the last two years.
    template = env["sale.order"].create(
        {"partner_id": customer.id, "prm_partner_id": partners[0].id}
    )
    env.flush_all()
    env.cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'sale_order'
              AND column_name NOT IN ('id', 'name', 'prm_partner_id', 'state',
                                      'amount_untaxed', 'date_order')"""
    )
    columns = ", ".join(f'"{row[0]}"' for row in env.cr.fetchall())
    sellers = partners[::2]
    today = datetime.combine(date.today(), datetime.min.time())
    env.cr.execute(
        f"""
        INSERT INTO sale_order ({columns}, name, prm_partner_id, state,
                                amount_untaxed, date_order)
        SELECT {columns}, 'BENCH' || n, seller.id, 'sale',
               (500 + (seller.id %% 40) * 600) / 10.0,
               %s - (n %% 730) * interval '1 day'
          FROM sale_order,
               generate_series(1, %s) AS n,
               LATERAL (SELECT (%s::int[])[1 + n %% %s] AS id) AS seller
         WHERE sale_order.id = %s
        """,
        [today, order_count, sellers.ids, len(sellers), template.id],
    )
    env.cr.execute("ANALYZE sale_order")
    won_stage = env["crm.stage"].create({"name": "Benchmark Won", "is_won": True})
    env["crm.lead"].create(
        [
            {
                "name": f"Deal {index}",
                "type": "opportunity",
                "prm_partner_id": partner.id,
                "stage_id": won_stage.id,
            }
            for index, partner in enumerate(sellers)
            for _repeat in range(1 + index % 3)
        ]
    )
    certified = partners[::4]
    contacts = env["res.partner"].create(
        [{"name": f"{p.name} engineer", "parent_id": p.id} for p in certified]
    )
    env["prm.certification"].create(
        [
            {"partner_id": c.parent_id.id, "contact_id": c.id, "type_id": cert_type.id}
            for c in contacts
        ]
    )
    env["prm.agreement"].create(
        [
            {"partner_id": p.id, "type_id": agreement_type.id, "state": "active"}
            for p in partners[::8]
        ]
    )
    env.flush_all()
    env.invalidate_all()
    return partners.with_env(env)


def evaluate(partners, label):
    """Evaluate (and apply) the tiers of ``partners``; returns the query count."""
    run = bench_common.measure(
        partners.env, lambda: partners._prm_evaluate_tiers(apply=True)
    )
    changed = sum(1 for _p, decision, _m in run.result if decision.changes_tier)
    return run.report(
        label, len(partners), "partners", extra=f", {changed} tier changes"
    )


def revenue_sql(partners, start):
    """The bare SQL aggregate of the partners' confirmed revenue since ``start``."""
    cr = partners.env.cr
    cr.execute(
        """SELECT prm_partner_id, SUM(amount_untaxed)
             FROM sale_order
            WHERE prm_partner_id = ANY(%s) AND state = 'sale'
              AND company_id = %s AND date_order >= %s
         GROUP BY prm_partner_id""",
        [partners.ids, partners[:1].company_id.id, start],
    )
    return cr.fetchall()


def revenue_windows_sql(partners, start12, start24):
    """The bare SQL aggregate of the revenue the ladder reads: the 12 and 24
    months windows in one scan of the 24 months of orders."""
    cr = partners.env.cr
    cr.execute(
        """SELECT prm_partner_id, SUM(amount_untaxed) FILTER (WHERE date_order >= %s),
                  SUM(amount_untaxed)
             FROM sale_order
            WHERE prm_partner_id = ANY(%s) AND state = 'sale'
              AND company_id = %s AND date_order >= %s
         GROUP BY prm_partner_id""",
        [start12, partners.ids, partners[:1].company_id.id, start24],
    )
    return cr.fetchall()


ALL_FIGURES_SQL = [
    # revenue and won deals over the 12 and 24 months windows of the ladder
    """SELECT prm_partner_id, currency_id,
              SUM(amount_untaxed) FILTER (WHERE date_order >= %(start12)s),
              SUM(amount_untaxed)
         FROM sale_order
        WHERE prm_partner_id = ANY(%(ids)s) AND state = 'sale'
          AND company_id = %(company)s AND date_order >= %(start24)s
     GROUP BY prm_partner_id, currency_id""",
    """SELECT l.prm_partner_id,
              COUNT(*) FILTER (WHERE l.date_closed >= %(start12)s), COUNT(*)
         FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id
        WHERE l.prm_partner_id = ANY(%(ids)s) AND s.is_won AND l.active
          AND (l.company_id = %(company)s OR l.company_id IS NULL)
          AND (l.prm_win_reported IS NOT TRUE
               OR l.prm_win_confirmed_by_id IS NOT NULL
               OR EXISTS (SELECT 1 FROM sale_order o
                           WHERE o.opportunity_id = l.id AND o.state = 'sale'))
          AND l.date_closed >= %(start24)s
     GROUP BY l.prm_partner_id""",
    """SELECT id, prm_csat FROM res_partner WHERE id = ANY(%(ids)s)""",
    """SELECT partner_id, ARRAY_AGG(DISTINCT type_id), COUNT(DISTINCT contact_id)
         FROM prm_certification
        WHERE partner_id = ANY(%(ids)s) AND state IN ('valid', 'expiring')
          AND company_id = %(company)s
     GROUP BY partner_id""",
    """SELECT partner_id, ARRAY_AGG(DISTINCT type_id) FROM prm_agreement
        WHERE partner_id = ANY(%(ids)s) AND state IN ('signed', 'active')
          AND company_id = %(company)s
     GROUP BY partner_id""",
]


def all_figures_sql(partners):
    """The bare SQL of every figure the rules read (not only the revenue)."""
    cr = partners.env.cr
    today = datetime.combine(date.today(), datetime.min.time())
    params = {
        "ids": partners.ids,
        "company": partners[:1].company_id.id,
        "start12": today - timedelta(days=364),
        "start24": today - timedelta(days=729),
    }
    rows = []
    for query in ALL_FIGURES_SQL:
        cr.execute(query, params)
        rows.append(cr.fetchall())
    return rows


def best_of(env, function, runs=5):
    return min(
        (bench_common.measure(env, function) for _run in range(runs)),
        key=lambda run: run.seconds,
    )


def preview(partners, profile=False):
    """Tier preview beside the bare revenue aggregate, from one run."""
    env = partners.env
    start = datetime.combine(date.today() - timedelta(days=365), datetime.min.time())
    # warm both once (caches of the registry, PostgreSQL buffers)
    revenue_sql(partners, start)
    partners._prm_evaluate_tiers(apply=False)
    today = datetime.combine(date.today(), datetime.min.time())
    start12, start24 = today - timedelta(days=364), today - timedelta(days=729)
    bare = best_of(env, lambda: revenue_sql(partners, start))
    with bench_common.FullCollections() as collections:
        evaluation = best_of(env, lambda: partners._prm_evaluate_tiers(apply=False))
    windows = best_of(env, lambda: revenue_windows_sql(partners, start12, start24))
    figures = best_of(env, lambda: all_figures_sql(partners))
    print(
        f"tier preview of {len(partners)} partners: "
        f"{evaluation.seconds * 1000:.0f} ms, "
        f"{evaluation.queries} SQL queries; bare SQL revenue aggregate: "
        f"{bare.seconds * 1000:.0f} ms; ratio {evaluation.seconds / bare.seconds:.2f}x"
    )
    print(
        f"full garbage collections during the 5 previews: {collections.count}, "
        f"{collections.seconds * 1000:.0f} ms"
    )
    # The ladder's Platinum tier counts 24 months of revenue: its bare SQL
    # reads twice the orders of the 12 months aggregate above.
    print(
        f"bare SQL revenue aggregate over the ladder's windows (12 and 24 "
        f"months, one scan): {windows.seconds * 1000:.0f} ms; preview "
        f"{evaluation.seconds / windows.seconds:.2f}x of it"
    )
    print(
        f"bare SQL of every figure the rules read (revenue and won deals of "
        f"both windows, CSAT, certifications, agreements): "
        f"{figures.seconds * 1000:.0f} ms; preview "
        f"{evaluation.seconds / figures.seconds:.2f}x of it"
    )
    if profile:
        env.invalidate_all()
        profiler = cProfile.Profile()
        profiler.runcall(partners._prm_evaluate_tiers, apply=False)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


def main():
    args = bench_common.parse_args(
        __doc__,
        "-n",
        "--partners",
        default=10000,
        size_env="PRM_BENCH_PARTNERS",
        int_options={"--orders": 200000},
        bool_options={"--profile": "print the cProfile of one tier preview"},
    )
    with bench_common.odoo_env(args, "prm.tier", "prm_partner") as env:
        start = time.perf_counter()
        partners = build(env, args.partners, args.orders)
        print(
            f"setup: {args.partners} partners, {args.orders} orders in "
            f"{time.perf_counter() - start:.1f} s"
        )
        preview(partners, args.profile)
        small = partners[: max(len(partners) // 100, 10)]
        first = evaluate(partners, "first evaluation (promotions)")
        second = evaluate(partners, "second evaluation (steady state)")
        small_queries = evaluate(small, "steady state, 1% of the partners")
        bench_common.print_same_queries(
            "partner count", small_queries, second, note=f"; first run {first}"
        )


if __name__ == "__main__":
    main()
