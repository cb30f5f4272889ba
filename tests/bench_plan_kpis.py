#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: refresh of the business plan KPIs and the channel funnel.

Builds (inside one transaction that is rolled back at the end) N channel
partners with attributed sale orders, leads routed to them and won, and
certified contacts, with bulk SQL inserts, then one agreed plan of the
current quarter per partner with four KPIs (revenue, won deals, new
customers, certified contacts). Measured side by side in the same run:

- the refresh of every KPI (figures and storing) and the figures alone,
  next to the bare SQL aggregate of the same figures, with the full garbage
  collections of the refresh;
- the refresh the next day, after one new order for a tenth of the partners
  (only the KPIs whose figures changed are stored again), of a third of the
  plans first: the query count must be the same;
- the channel funnel per partner read through the report, next to the bare
  SQL aggregate of the same steps.

Usage (the database needs prm_partner installed; prm_portal adds the
partner's acceptance to the funnel):

    python tests/bench_plan_kpis.py -c odoo.conf -d mydb [-n 10000]
        [--orders 200000] [--leads 100000] [--profile 1]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_PARTNERS in the
environment. Run it with the Python of the Odoo environment. ``--profile 1``
prints where the refresh spends its time (cProfile), measured in a second
refresh after the timed ones.
"""

import cProfile
import pstats
import time
from datetime import date, datetime, timedelta

import bench_common

KINDS = ["revenue", "won_deals", "new_customers", "certified_contacts"]

BARE_SQL = [
    """SELECT prm_partner_id, currency_id, SUM(amount_untaxed) FROM sale_order
        WHERE prm_partner_id = ANY(%(ids)s) AND state = 'sale'
          AND company_id = %(company)s
          AND date_order >= %(start)s AND date_order < %(end)s
        GROUP BY prm_partner_id, currency_id""",
    """SELECT l.prm_partner_id, COUNT(*) FROM crm_lead l
         JOIN crm_stage s ON s.id = l.stage_id
        WHERE l.prm_partner_id = ANY(%(ids)s) AND s.is_won AND l.active
          AND (l.company_id = %(company)s OR l.company_id IS NULL)
          AND (l.prm_win_reported IS NOT TRUE
               OR l.prm_win_confirmed_by_id IS NOT NULL
               OR EXISTS (SELECT 1 FROM sale_order o
                           WHERE o.opportunity_id = l.id AND o.state = 'sale'))
          AND l.date_closed >= %(start)s AND l.date_closed < %(end)s
        GROUP BY l.prm_partner_id""",
    """SELECT prm_partner_id, COUNT(*) FROM (
           SELECT prm_partner_id FROM sale_order
            WHERE prm_partner_id = ANY(%(ids)s) AND state = 'sale'
              AND company_id = %(company)s
            GROUP BY prm_partner_id, partner_id
           HAVING MIN(date_order) >= %(start)s AND MIN(date_order) < %(end)s
       ) AS firsts GROUP BY prm_partner_id""",
    """SELECT partner_id, COUNT(DISTINCT contact_id) FROM prm_certification
        WHERE partner_id = ANY(%(ids)s) AND state IN ('valid', 'expiring')
          AND company_id = %(company)s
        GROUP BY partner_id""",
]

FUNNEL_SQL = """
    SELECT l.prm_partner_id, COUNT(*),
           COUNT(*) FILTER (WHERE l.prm_routed_on IS NOT NULL),
           COUNT(*) FILTER (WHERE {accepted}),
           COUNT(*) FILTER (WHERE l.type = 'opportunity'),
           COUNT(*) FILTER (WHERE s.is_won),
           AVG(CASE WHEN {accepted} THEN 100.0 ELSE 0.0 END)
               FILTER (WHERE l.prm_routed_on IS NOT NULL),
           AVG(CASE WHEN s.is_won THEN 100.0 ELSE 0.0 END)
               FILTER (WHERE l.type = 'opportunity'),
           SUM(CASE WHEN s.is_won THEN COALESCE(l.expected_revenue, 0) END)
      FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.prm_partner_id IS NOT NULL
       AND COALESCE(l.prm_routed_on, l.create_date) >= %(since)s
     GROUP BY l.prm_partner_id
"""

FUNNEL_MEASURES = [
    "lead_count:sum",
    "routed_count:sum",
    "accepted_count:sum",
    "opportunity_count:sum",
    "won_count:sum",
    "accept_rate:avg",
    "win_rate:avg",
    "won_revenue:sum",
]

AUDIT = "%(uid)s, %(uid)s, now() at time zone 'utc', now() at time zone 'utc'"


def _insert(cr, sql, **params):
    """Run one INSERT ... RETURNING id; returns the ids in order."""
    cr.execute(sql.replace("{audit}", AUDIT), params)
    return [row[0] for row in cr.fetchall()]


def build(env, size, orders, leads):
    """``size`` partners of the current company with their orders, leads and
    certifications, one plan each; returns {table: ids inserted}."""
    cert_type = env["prm.certification.type"].create({"name": "Benchmark Cert"})
    stages = env["crm.stage"].create(
        [
            {"name": "Benchmark Open", "sequence": 90},
            {"name": "Benchmark Won", "is_won": True, "sequence": 91},
        ]
    )
    company = env.company
    env.flush_all()
    cr = env.cr
    common = {
        "uid": env.uid,
        "company": company.id,
        "currency": company.currency_id.id,
    }
    partner_ids = _insert(
        cr,
        """INSERT INTO res_partner (name, complete_name, is_company, active, type,
                  autopost_bills, company_id, prm_is_partner, prm_partner_type,
                  prm_stage, prm_manager_id,
                  create_uid, write_uid, create_date, write_date)
           SELECT 'Benchmark Partner ' || g, 'Benchmark Partner ' || g, TRUE,
                  TRUE, 'contact', 'ask', %(company)s, TRUE, 'reseller', 'active',
                  %(uid)s, {audit}
             FROM generate_series(1, %(size)s) g ORDER BY g RETURNING id""",
        size=size,
        **common,
    )
    customer_ids = _insert(
        cr,
        """INSERT INTO res_partner (name, complete_name, is_company, active, type,
                  autopost_bills, create_uid, write_uid, create_date, write_date)
           SELECT 'Benchmark Customer ' || g, 'Benchmark Customer ' || g, TRUE,
                  TRUE, 'contact', 'ask', {audit}
             FROM generate_series(1, %(size)s) g ORDER BY g RETURNING id""",
        size=max(size * 3, 1),
        **common,
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
        [partner_ids + customer_ids],
    )
    # Orders over the last 15 months, 9 in 10 confirmed; each partner sells
    # to its own few customers again and again.
    # the delivery policy is a required column only with sale_stock
    stock = "picking_policy" in env["sale.order"]._fields
    order_ids = _insert(
        cr,
        f"""INSERT INTO sale_order (name, partner_id, partner_invoice_id,
                  partner_shipping_id, prm_partner_id, company_id, currency_id,
                  date_order, state, amount_untaxed, amount_total,
                  {"picking_policy," if stock else ""}
                  create_uid, write_uid, create_date, write_date)
           SELECT 'BENCH' || g, c, c, c, p, %(company)s, %(currency)s,
                  now() at time zone 'utc' - (g %% 450) * interval '1 day',
                  CASE WHEN g %% 10 = 0 THEN 'draft' ELSE 'sale' END,
                  100 + (g %% 97) * 50, 110 + (g %% 97) * 55,
                  {"'direct'," if stock else ""} {{audit}}
             FROM (SELECT g, (%(partners)s::int[])[1 + g %% %(n)s] AS p,
                          (%(customers)s::int[])[1 + (g %% %(n)s) * 3
                                                   + (g / %(n)s) %% 3] AS c
                     FROM generate_series(0, %(orders)s - 1) g) AS rows
           RETURNING id""",
        partners=partner_ids,
        customers=customer_ids,
        n=size,
        orders=orders,
        **common,
    )
    # Leads: 7 in 10 routed to the partner, 2 in 3 of those accepted; the
    # rest found by the partner. Opportunities are won one in three.
    portal = "prm_acceptance" in env["crm.lead"]._fields
    accept_columns = ", prm_acceptance, prm_accepted_on" if portal else ""
    accept_values = (
        """, CASE WHEN routed AND g %% 3 <> 0 THEN 'accepted'
                  WHEN routed THEN 'offered' END,
             CASE WHEN routed AND g %% 3 <> 0 THEN routed_on + interval '5 hours'
             END"""
        if portal
        else ""
    )
    lead_ids = _insert(
        cr,
        f"""INSERT INTO crm_lead (name, type, active, prm_partner_id, company_id,
                  stage_id, prm_routed_on, expected_revenue, date_closed,
                  create_uid, write_uid, create_date, write_date{accept_columns})
           SELECT 'Benchmark Lead ' || g,
                  CASE WHEN opportunity THEN 'opportunity' ELSE 'lead' END, TRUE, p,
                  %(company)s, CASE WHEN won THEN %(won)s ELSE %(open)s END,
                  CASE WHEN routed THEN routed_on END, 1000 + (g %% 13) * 250,
                  CASE WHEN won THEN routed_on + interval '12 days' END,
                  {{audit}}{accept_values}
             FROM (SELECT g, routed, opportunity,
                          opportunity AND g %% 3 = 0 AS won, p, routed_on
                     FROM (SELECT g, g %% 10 < 7 AS routed,
                                  g %% 10 >= 7 OR g %% 3 <> 0 AS opportunity,
                                  (%(partners)s::int[])[1 + g %% %(n)s] AS p,
                                  now() at time zone 'utc'
                                      - (g %% 420) * interval '1 day' AS routed_on
                             FROM generate_series(0, %(leads)s - 1) g) AS base
                  ) AS rows
           RETURNING id""",
        partners=partner_ids,
        n=size,
        leads=leads,
        open=stages[0].id,
        won=stages[1].id,
        **common,
    )
    # One certified engineer for every fourth partner.
    contact_ids = _insert(
        cr,
        """INSERT INTO res_partner (name, complete_name, parent_id,
                  commercial_partner_id, is_company, active, type, autopost_bills,
                  create_uid, write_uid, create_date, write_date)
           SELECT 'Engineer', 'Engineer', p, p, FALSE, TRUE, 'contact', 'ask',
                  {audit}
             FROM unnest(%(partners)s::int[]) p RETURNING id""",
        partners=partner_ids[::4],
        **common,
    )
    certification_ids = _insert(
        cr,
        """INSERT INTO prm_certification (partner_id, contact_id, type_id,
                  company_id, state, source, issue_date,
                  create_uid, write_uid, create_date, write_date)
           SELECT p, c, %(type)s, %(company)s, 'valid', 'manual', current_date,
                  {audit}
             FROM unnest(%(partners)s::int[], %(contacts)s::int[]) AS t(p, c)
           RETURNING id""",
        partners=partner_ids[::4],
        contacts=contact_ids,
        type=cert_type.id,
        **common,
    )
    plans = plans_sql(env, partner_ids, company)
    env.invalidate_all()
    return {
        "prm_business_plan": plans.ids,
        "prm_certification": certification_ids,
        "crm_lead": lead_ids,
        "sale_order": order_ids,
        "res_partner": contact_ids + customer_ids + partner_ids,
        "crm_stage": stages.ids,
        "prm_certification_type": cert_type.ids,
    }


def clean(cr, built):
    """Delete what :func:`build` inserted and commit. Foreign keys pointing
    to these tables get an index for the time of the delete where they have
    none (without, deleting 100,000 leads scans the orders once per lead)."""
    cr.rollback()
    cr.execute(
        """SELECT c.conrelid::regclass::text, a.attname
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid
                                AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
              AND c.confrelid = ANY(%s::regclass[])
              AND NOT EXISTS (SELECT 1 FROM pg_index i
                               WHERE i.indrelid = c.conrelid
                                 AND i.indkey[0] = c.conkey[1])""",
        [list(built)],
    )
    missing = cr.fetchall()
    for number, (table, column) in enumerate(missing):
        cr.execute(f'CREATE INDEX bench_clean_{number} ON {table} ("{column}")')
    for table, ids in built.items():
        cr.execute(f"DELETE FROM {table} WHERE id = ANY(%s)", [ids])  # noqa: S608
    for number in range(len(missing)):
        cr.execute(f"DROP INDEX bench_clean_{number}")
    cr.commit()


def plans_sql(env, partner_ids, company):
    """An agreed plan of the current quarter with the four KPIs per partner,
    inserted in SQL with the values their computed fields would store."""
    from odoo.addons.prm_partner.logic import dates as date_rules

    start, end = date_rules.period_bounds(date.today(), "quarter")
    params = {
        "uid": env.uid,
        "company": company.id,
        "partners": partner_ids,
        "start": start,
        "end": end,
        "kinds": KINDS,
    }
    plan_ids = _insert(
        env.cr,
        """INSERT INTO prm_business_plan (name, partner_id, company_id, period_type,
                  date_from, date_to, state, user_id, prm_tier_id,
                  create_uid, write_uid, create_date, write_date)
           SELECT p.name || ' - plan', p.id, %(company)s, 'quarter', %(start)s,
                  %(end)s, 'agreed', p.prm_manager_id, p.prm_tier_id, {audit}
             FROM res_partner p WHERE p.id = ANY(%(partners)s) ORDER BY p.id
           RETURNING id""",
        **params,
    )
    params["plans"] = plan_ids
    env.cr.execute(
        """INSERT INTO prm_business_plan_kpi (plan_id, sequence, kind, goal,
                  partner_id, company_id, date_from, date_to, period_type, state,
                  prm_tier_id, user_id, create_uid, write_uid, create_date,
                  write_date)
           SELECT b.id, 10, k, 10, b.partner_id, b.company_id, b.date_from,
                  b.date_to, b.period_type, b.state, b.prm_tier_id, b.user_id,
                  %(uid)s, %(uid)s, now() at time zone 'utc',
                  now() at time zone 'utc'
             FROM prm_business_plan b, unnest(%(kinds)s::varchar[]) k
            WHERE b.id = ANY(%(plans)s)""",
        params,
    )
    return env["prm.business.plan"].browse(plan_ids)


def timed_sql(env, queries, params):
    """(seconds, rows of each query) to run ``queries`` and fetch their rows."""
    rows = []
    start = time.perf_counter()
    for query in queries:
        env.cr.execute(query, params)
        rows.append(env.cr.fetchall())
    return time.perf_counter() - start, rows


def ratio(label, seconds, sql_seconds):
    print(
        f"{label}: {seconds:.2f} s vs bare SQL {sql_seconds:.2f} s = "
        f"{seconds / sql_seconds:.1f}x"
    )


def profile(env, function):
    env.invalidate_all()
    profiler = cProfile.Profile()
    profiler.runcall(function)
    env.flush_all()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main():
    args = bench_common.parse_args(
        __doc__,
        "-n",
        "--partners",
        default=10000,
        size_env="PRM_BENCH_PARTNERS",
        int_options={"--orders": 200000, "--leads": 100000, "--profile": 0},
    )
    with bench_common.odoo_env(args, "prm.business.plan.kpi", "prm_partner") as env:
        start = time.perf_counter()
        built = build(env, args.partners, args.orders, args.leads)
        # Committed, as plans and orders are when a cron refreshes them:
        # PostgreSQL checks every foreign key of a row updated in the
        # transaction that inserted it, which would not measure the refresh.
        # Deleted again at the end, whatever happens.
        env.cr.commit()
        try:
            measure_all(env, args, built, start)
        finally:
            clean(env.cr, built)


def measure_all(env, args, built, start):
    """Every measurement on the committed data; each refresh is committed so
    that the next one is measured as the cron would see it."""
    vacuum(env)
    # the same planner for both sides: a misestimated subplan would
    # otherwise have the bare SQL pay a JIT compilation the ORM's does not
    env.cr.execute("SET jit = off")
    plans = env["prm.business.plan"].browse(built["prm_business_plan"])
    partners = plans.partner_id
    print(
        f"setup: {args.partners} partners, {args.orders} orders, "
        f"{args.leads} leads, {len(plans)} plans in "
        f"{time.perf_counter() - start:.1f} s"
    )
    kpis = plans.kpi_ids
    plan = plans[:1]
    params = {
        "ids": partners.ids,
        "company": plan.company_id.id,
        "start": datetime.combine(plan.date_from, datetime.min.time()),
        "end": datetime.combine(plan.date_to + timedelta(days=1), datetime.min.time()),
    }
    timed_sql(env, BARE_SQL, params)  # warm the caches for both sides
    with bench_common.FullCollections() as collections:
        run = bench_common.measure(env, kpis._prm_refresh_actuals)
    env.cr.commit()
    run.report("KPI refresh", len(kpis), "KPIs")
    sql_seconds, bare_rows = timed_sql(env, BARE_SQL, params)
    ratio("KPI refresh (figures and storing)", run.seconds, sql_seconds)
    print(
        f"full garbage collections during the refresh: {collections.count}, "
        f"{collections.seconds * 1000:.0f} ms"
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
    ratio("KPI figures alone", figures.seconds, sql_seconds)
    print(f"same figures as the bare SQL: {same_figures(items, figures, bare_rows)}")
    # the next day: a tenth of the partners sold once more; a third of the
    # plans refreshed first (on demand), then all of them (the cron)
    day = days_orders(env, built, partners.ids[::10])
    env.cr.commit()
    third = plans[: max(len(plans) // 3, 1)].kpi_ids
    third_run = bench_common.measure(env, third._prm_refresh_actuals)
    env.cr.commit()
    third_run.report("KPI refresh, a third of the plans", len(third), "KPIs")
    timed_sql(env, BARE_SQL, params)
    next_run = bench_common.measure(env, kpis._prm_refresh_actuals)
    env.cr.commit()
    next_run.report(
        f"KPI refresh the next day ({day} partners sold again)", len(kpis), "KPIs"
    )
    sql_seconds, __ = timed_sql(env, BARE_SQL, params)
    ratio("KPI refresh the next day", next_run.seconds, sql_seconds)
    bench_common.print_same_queries(
        "plan count", third_run.queries, next_run.queries, f"; first run {run.queries}"
    )

    Report = env["prm.channel.funnel.report"]
    since = datetime.now() - timedelta(days=365)
    domain = [("date", ">=", since)]
    Report._read_group(domain, ["partner_id"], FUNNEL_MEASURES)  # warm
    funnel = bench_common.measure(
        env, lambda: Report._read_group(domain, ["partner_id"], FUNNEL_MEASURES)
    )
    funnel.report("funnel per partner, 12 months", len(funnel.result), "partners")
    accepted = (
        "l.prm_acceptance = 'accepted'"
        if "prm_acceptance" in env["crm.lead"]._fields
        else "l.type = 'opportunity'"
    )
    funnel_sql, (funnel_rows,) = timed_sql(
        env, [FUNNEL_SQL.format(accepted=accepted)], {"since": since}
    )
    ratio("funnel report", funnel.seconds, funnel_sql)
    report_won = {partner.id: row[4] for partner, *row in funnel.result}
    sql_won = {row[0]: row[5] for row in funnel_rows}
    print(f"same funnel as the bare SQL: {'yes' if report_won == sql_won else 'NO'}")
    if args.profile:
        profile(env, kpis._prm_refresh_actuals)


def days_orders(env, built, partner_ids):
    """One confirmed order of today for each of ``partner_ids`` (to one of its
    customers), as the next day's cron finds them; returns their number."""
    stock = "picking_policy" in env["sale.order"]._fields
    built["sale_order"] += _insert(
        env.cr,
        f"""INSERT INTO sale_order (name, partner_id, partner_invoice_id,
                  partner_shipping_id, prm_partner_id, company_id, currency_id,
                  date_order, state, amount_untaxed, amount_total,
                  {"picking_policy," if stock else ""}
                  create_uid, write_uid, create_date, write_date)
           SELECT 'BENCH-DAY' || p, c, c, c, p, %(company)s, %(currency)s,
                  now() at time zone 'utc', 'sale', 500, 550,
                  {"'direct'," if stock else ""} {{audit}}
             FROM unnest(%(partners)s::int[]) p,
                  LATERAL (SELECT partner_id AS c FROM sale_order
                            WHERE prm_partner_id = p LIMIT 1) AS customer
           RETURNING id""",
        partners=partner_ids,
        uid=env.uid,
        company=env.company.id,
        currency=env.company.currency_id.id,
    )
    return len(partner_ids)


def vacuum(env):
    """VACUUM ANALYZE the tables the refresh reads and writes, as autovacuum
    keeps them in a database that lives (earlier runs of this script leave
    their deleted rows behind, which the refresh would scan)."""
    bench_common.vacuum_analyze(
        env.cr.dbname,
        [
            "prm_business_plan_kpi",
            "prm_business_plan",
            "sale_order",
            "crm_lead",
            "prm_certification",
            "res_partner",
        ],
    )
    env.cr.execute("ANALYZE")


def same_figures(items, figures, bare_rows):
    """Whether the refresh's figures are the bare SQL's, kind by kind."""
    kinds = {}
    for kpi_id, partner_id, kind, *__ in items:
        if figures.result.get(kpi_id):
            kinds.setdefault(kind, {})[partner_id] = figures.result[kpi_id]
    revenue, won, new, certified = bare_rows
    expected = {
        "revenue": {row[0]: row[2] for row in revenue},
        "won_deals": dict(won),
        "new_customers": dict(new),
        "certified_contacts": dict(certified),
    }
    return "yes" if all(kinds.get(k, {}) == v for k, v in expected.items()) else "NO"


if __name__ == "__main__":
    main()
