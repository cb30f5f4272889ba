#!/usr/bin/env python3
# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: channel-conflict check of a deal registration at 100,000 open
leads and 100,000 customers.

Loads N leads and N customers (default 100,000 each) with realistic customer
identities straight into crm_lead and res_partner (key columns, the
distinctive name of the trigram index included, filled by the addon's own
normalisation), and ``--orders`` confirmed orders of those customers (default
200,000, all older than the recent-order period, so that the results are
those of customers without orders), then times
``prm.deal.registration._prm_find_conflicts()`` for registrations of known
customers, of known customers with a typo or in the other language, and of
unknown customers, and prints the median and the 95th percentile, the CPU
time of a check (Python and PostgreSQL), the queries of one check, and the
query plan of the candidate query (exact keys, spellings and trigrams of the
names): the generic plan that the database function
``prm_conflict_candidates`` keeps, of the same query prepared.

After loading, the trigram indexes of the names are rebuilt, as the README
advises after any mass import (filled row by row they are two to three times
their size, and slower).

The loaded leads, customers and orders are committed and vacuumed (VACUUM ANALYZE
needs it, and without statistics the planner plans the name lookups as if
the tables were empty), then deleted at the end, unless ``--keep-data 1``:
a later run with the same ``--leads`` and ``--orders`` reuses them instead
of loading again.
The registrations of the checks are rolled back.

Usage (from the repository root, with the suite's Python):

    python tests/bench_conflict_check.py -c odoo.conf -d DATABASE [--leads 100000]
        [--orders 200000] [--checks 60] [--keep-data 1] [--profile 1]

The config and database may also come from ODOO_RC and PRM_BENCH_DB.  The
database needs prm_portal installed.
"""

import cProfile
import dataclasses
import itertools
import os
import pstats
import random
import statistics
import time

import bench_common

LEGAL_FORMS = ["Công ty TNHH", "Công ty Cổ phần", "", "JSC", "Co., Ltd", "LLC"]
# Syllables of Vietnamese trading names: three of them name a company.
SYLLABLES = (
    "An Anh Ánh Bảo Bình Cát Châu Chí Công Cường Đại Đăng Đạt Điền Định Đông "
    "Đức Dương Gia Giang Hà Hải Hạnh Hào Hiền Hiệp Hiếu Hòa Hoàng Hồng Huy "
    "Hưng Hương Khang Khánh Khoa Kiên Kim Lâm Lan Lâm Lộc Long Lợi Mai Mạnh "
    "Minh Mỹ Nam Ngân Ngọc Nguyên Nhân Nhật Như Phát Phong Phú Phúc Phương "
    "Quang Quân Quốc Quý Sang Sao Sơn Tài Tâm Tân Thái Thắng Thành Thảo Thiên "
    "Thịnh Thông Thuận Tiến Tín Toàn Trí Trung Trường Tú Tuấn Tùng Uy Vân "
    "Văn Việt Vinh Vĩnh Vũ Vượng Xuân Yên Âu Ấn Bắc Cảnh Dũng Hậu Kỳ Lực"
).split()
TRADES = [
    ("Thương mại", "Trading"),
    ("Xây dựng", "Construction"),
    ("Vận tải", "Logistics"),
    ("Công nghệ", "Technology"),
    ("", ""),
]


def customer(i, _rng=None):
    """A deterministic, varied customer identity for index ``i``."""
    rng = random.Random(i)
    base = " ".join(rng.sample(SYLLABLES, 3))
    vi, en = rng.choice(TRADES)
    form = rng.choice(LEGAL_FORMS)
    if form.startswith("Công"):
        name = f"{form} {vi} {base}"
    else:
        name = f"{base} {en} {form}"
    name = " ".join(name.split())
    return {
        "name": name,
        "vat": f"{(1_000_000_000 + i * 7919) % 10**10:010d}" if i % 3 else None,
        "email": f"contact{i}@customer{i}.example" if i % 4 else f"c{i}@gmail.com",
        "phone": f"09{(i * 104729) % 10**8:08d}" if i % 2 else None,
    }


def identity_keys(conflict, c, forms):
    """The key columns of customer identity ``c``, as the addon fills them."""
    keys = conflict.compute_keys(
        name=c["name"],
        tax_id=c["vat"],
        email=c["email"],
        phone=c["phone"],
        term_forms=forms,
    )
    return (
        keys.tax_id,
        keys.email_domain,
        keys.phone,
        keys.name,
        keys.fuzzy_name,
        conflict.name_lookup_keys(keys.fuzzy_name),
    )


def insert_batches(cr, query, rows, template):
    """Insert ``rows`` 5,000 at a time (bounded memory and statement size)."""
    from psycopg2.extras import execute_values

    rows = iter(rows)
    while batch := list(itertools.islice(rows, 5000)):
        execute_values(cr, query, batch, template=template)


def load_leads(env, count, rng, conflict, forms):
    cr = env.cr
    cr.execute("SELECT id FROM crm_stage WHERE NOT is_won ORDER BY sequence LIMIT 1")
    stage = cr.fetchone()
    stage_id = stage[0] if stage else None
    company_id = env.company.id
    query = """
        INSERT INTO crm_lead (name, type, active, stage_id, company_id,
            partner_name, email_from, phone, prm_key_tax, prm_key_domain,
            prm_key_phone, prm_key_name, prm_key_name_fuzzy, prm_key_name_typos,
            create_date, write_date)
        VALUES %s
    """

    def rows():
        for i in range(count):
            c = customer(i, rng)
            yield (
                f"prm-bench {i}",
                "opportunity" if i % 2 else "lead",
                True,
                stage_id,
                company_id,
                c["name"],
                c["email"],
                c["phone"],
                *identity_keys(conflict, c, forms),
            )

    insert_batches(cr, query, rows(), LEAD_ROW)


LEAD_ROW = "(%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,now(),now())"
PARTNER_ROW = (
    "(%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,'prm-bench','ask',now(),now())"
)

#: Customers are the identities after the leads' (offset), so that a
#: registration may match a lead, a customer or neither.
CUSTOMER_OFFSET = 10_000_000


def load_customers(env, count, conflict, forms):
    """``count`` companies in res_partner, keys filled; none has orders, so
    the check searches them all and reports none (the order filter)."""
    cr = env.cr
    query = """
        INSERT INTO res_partner (name, active, is_company, type, company_id,
            vat, email, phone, prm_key_tax, prm_key_domain, prm_key_phone,
            prm_key_name, prm_key_name_fuzzy, prm_key_name_typos, ref,
            autopost_bills, create_date, write_date)
        VALUES %s
    """

    def rows():
        for i in range(CUSTOMER_OFFSET, CUSTOMER_OFFSET + count):
            c = customer(i)
            yield (
                c["name"],
                True,
                True,
                "contact",
                None,
                c["vat"],
                c["email"],
                c["phone"],
                *identity_keys(conflict, c, forms),
            )

    insert_batches(cr, query, rows(), PARTNER_ROW)
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id "
        "WHERE commercial_partner_id IS NULL"
    )


def load_orders(env, count):
    """``count`` confirmed orders of the loaded customers in turn, in the
    company of the checks, all older than the recent-order period: the check
    looks up the orders of every customer it finds and keeps none, as in a
    live database, and the planner costs the query against a full
    sale_order (at 200,000 orders that cost made PostgreSQL compile the
    query at every check, 1.2 s, until the function turned JIT off)."""
    if not count:
        return
    cr = env.cr
    cr.execute(
        "SELECT array_agg(id ORDER BY id) FROM res_partner WHERE ref = 'prm-bench'"
    )
    (customers,) = cr.fetchone()
    template = env["sale.order"].create(
        {"partner_id": customers[0], "name": "prm-bench template"}
    )
    env.flush_all()
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'sale_order'
              AND column_name NOT IN ('id', 'name', 'partner_id',
                  'partner_invoice_id', 'partner_shipping_id', 'state',
                  'date_order')"""
    )
    columns = ", ".join(f'"{row[0]}"' for row in cr.fetchall())
    recent_days = env["prm.deal.registration"]._prm_recent_order_days()
    cr.execute(
        f"""
        INSERT INTO sale_order ({columns}, name, partner_id, partner_invoice_id,
                                partner_shipping_id, state, date_order)
        SELECT {columns}, 'prm-bench order ' || n, buyer.id, buyer.id, buyer.id,
               'sale', now() at time zone 'utc'
                       - (%s + 30 + n %% 700) * interval '1 day'
          FROM sale_order,
               generate_series(1, %s) AS n,
               LATERAL (SELECT (%s::int[])[1 + n %% %s] AS id) AS buyer
         WHERE sale_order.id = %s
        """,
        [recent_days, count, customers, len(customers), template.id],
    )
    template.unlink()


def typo(name, rng):
    """The name with one letter of its first word doubled (as "Trrường")."""
    pos = rng.randrange(1, name.index(" "))
    return name[:pos] + name[pos] + name[pos:]


def backend_cpu_seconds(pid):
    """CPU time used so far by the PostgreSQL backend ``pid`` (from /proc,
    when the database runs on this machine; NaN otherwise)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    # utime and stime, in clock ticks (fields 14 and 15 of proc(5))
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_rows(cr):
    """Numbers of the leads, customers and orders loaded by a benchmark."""
    counts = []
    for query in (
        "SELECT count(*) FROM crm_lead WHERE name LIKE 'prm-bench %'",
        "SELECT count(*) FROM res_partner WHERE ref = 'prm-bench'",
        "SELECT count(*) FROM sale_order WHERE name LIKE 'prm-bench %'",
    ):
        cr.execute(query)
        counts.append(cr.fetchone()[0])
    return tuple(counts)


def delete_bench_rows(cr):
    cr.execute("DELETE FROM sale_order WHERE name LIKE 'prm-bench %'")
    cr.execute("DELETE FROM crm_lead WHERE name LIKE 'prm-bench %'")
    cr.execute("DELETE FROM res_partner WHERE ref = 'prm-bench'")


#: Indexes the candidate query should use (leads and customers).
INDEXES = {
    "trigram": "{}_prm_key_name_glued_trgm",
    "spellings": "{}_prm_key_name_typos_gin",
    "tax id": "{}__prm_key_tax_index",
}


def print_check_queries(env, registration):
    """The queries of one check (timed, captured from the cursor), and the
    EXPLAIN ANALYZE of the candidate query with the indexes it uses."""
    from odoo.addons.prm_portal.logic import conflict
    from odoo.addons.prm_portal.models import conflict_candidates_sql as candidates_sql

    timed = []
    cursor_class = type(env.cr)
    execute = cursor_class.execute

    def capture(cr, query, params=None, log_exceptions=True):
        code = str(getattr(query, "code", query))
        start = time.perf_counter()
        try:
            return execute(cr, query, params, log_exceptions)
        finally:
            timed.append(((time.perf_counter() - start) * 1000, code))

    cursor_class.execute = capture
    try:
        env.invalidate_all()
        registration._prm_find_conflicts()
    finally:
        cursor_class.execute = execute
    print(f"queries of one check: {len(timed)}:")
    for duration, code in timed:
        print(f"    {duration:7.2f} ms  {' '.join(code.split())[:150]}")
    Registration = env["prm.deal.registration"]
    keys = registration._prm_customer_keys()
    threshold = Registration._prm_name_similarity()
    values = Registration._prm_candidate_values(
        keys,
        registration.company_id,
        [registration, registration.lead_id],
        50,
        threshold,
    )
    # the query of the function prm_conflict_candidates, prepared with the
    # same parameters: its generic plan, the one the function keeps
    env.cr.execute(
        f"PREPARE prm_bench_candidates ({', '.join(candidates_sql.PARAMETERS)}) "
        f"AS {candidates_sql.CANDIDATES}"
    )
    env.cr.execute(
        "SELECT set_config('pg_trgm.similarity_threshold', %s, true), "
        "set_config('plan_cache_mode', 'force_generic_plan', true), "
        "set_config('jit', 'off', true)",
        [str(conflict.trigram_lookup_threshold(threshold))],
    )
    placeholders = ", ".join(f"%s::{type_}" for type_ in candidates_sql.PARAMETERS)
    env.cr.execute(
        f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE prm_bench_candidates({placeholders})",
        values,
    )
    plan = [line for (line,) in env.cr.fetchall()]
    print(
        f"query plan (generic) of the candidate query of "
        f"{registration.customer_name!r} (distinctive name {keys.fuzzy_name!r}; "
        f"exact keys, spellings and trigrams of leads, customers, registrations):"
    )
    for line in plan:
        print(f"    {line}")
    text = "\n".join(plan)
    for label, index in INDEXES.items():
        used = [
            table
            for table in ("crm_lead", "res_partner")
            if index.format(table) in text
        ]
        print(f"{label} index used on: {', '.join(used) or 'NONE'}")


def main(argv=None):
    args = bench_common.parse_args(
        __doc__,
        "--leads",
        default=100_000,
        config_env="ODOO_RC",
        int_options={
            "--checks": 60,
            "--seed": 18,
            "--profile": 0,
            "--keep-data": 0,
            "--orders": 200_000,
        },
        argv=argv,
    )
    rng = random.Random(args.seed)
    with bench_common.odoo_env(args, "prm.deal.registration", "prm_portal") as env:
        from odoo.addons.prm_portal.logic import conflict

        forms = env["prm.conflict.term"]._prm_term_forms()
        started = time.perf_counter()
        loaded = f"{args.leads} leads, {args.leads} customers, {args.orders} orders"
        if bench_rows(env.cr) == (args.leads, args.leads, args.orders):
            print(f"reusing the {loaded} of a previous run")
        else:
            delete_bench_rows(env.cr)
            load_leads(env, args.leads, rng, conflict, forms)
            load_customers(env, args.leads, conflict, forms)
            load_orders(env, args.orders)
            env.cr.commit()
            print(f"loaded {loaded} in {time.perf_counter() - started:.1f} s")
            # as after any mass import (see the README): the trigram indexes
            # filled row by row, and every customer rewritten once
            started = time.perf_counter()
            env["prm.conflict.term"]._prm_rebuild_name_indexes()
            env.cr.commit()
            print(f"trigram indexes rebuilt in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        # the tables the check reads, whatever the database went through
        bench_common.vacuum_analyze(
            env.cr.dbname,
            ["crm_lead", "res_partner", "prm_deal_registration", "sale_order"],
        )
        print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")
        try:
            run_checks(env, args, rng)
        finally:
            env.cr.rollback()
            if not args.keep_data:
                started = time.perf_counter()
                delete_bench_rows(env.cr)
                env.cr.commit()
                print(f"bench data deleted in {time.perf_counter() - started:.1f} s")


def run_checks(env, args, rng):
    """Submit ``args.checks`` registrations and time their conflict checks."""
    env.cr.execute("SELECT count(*) FROM crm_lead WHERE active")
    total = env.cr.fetchone()[0]
    env.cr.execute("SELECT count(*) FROM res_partner WHERE is_company")
    companies = env.cr.fetchone()[0]
    print(f"{total} active leads, {companies} companies in the database")
    partner = env["res.partner"].create(
        {
            "name": "Bench Channel Partner",
            "is_company": True,
            "prm_is_partner": True,
            "prm_stage": "active",
        }
    )
    Registration = env["prm.deal.registration"]
    registrations = Registration.browse()
    submits = []
    for n in range(args.checks):
        # known customer (exact keys), known customer under another
        # name only (typo, no other key), unknown customer
        kind = n % 4
        i = rng.randrange(args.leads) if kind < 3 else args.leads + n
        if kind == 1:
            i += CUSTOMER_OFFSET
        c = customer(i, rng)
        values = {
            "partner_id": partner.id,
            "customer_name": c["name"],
            "customer_vat": c["vat"],
            "customer_email": c["email"],
            "customer_phone": c["phone"],
        }
        if kind == 2:
            values.update(
                customer_name=typo(c["name"], rng),
                customer_vat=False,
                customer_email=f"someone{n}@gmail.com",
                customer_phone=False,
            )
        start = time.perf_counter()
        registrations |= Registration.create(values)
        env.flush_all()
        submits.append((time.perf_counter() - start) * 1000)
    # statistics of the registrations just submitted, as autovacuum keeps
    # them (else the planner reads them all by state, as if there were none)
    env.cr.execute("ANALYZE prm_deal_registration")
    timings, found = [], [0, 0, 0, 0]
    profile = cProfile.Profile() if args.profile else None
    cpu = python_cpu = 0.0
    env.cr.execute("SELECT pg_backend_pid()")
    pid = env.cr.fetchone()[0]
    for n, registration in enumerate(registrations):
        env.invalidate_all()
        if profile:
            profile.enable()
        backend = backend_cpu_seconds(pid)
        python_start = time.process_time()
        start = time.perf_counter()
        conflicts = registration._prm_find_conflicts()
        timings.append((time.perf_counter() - start) * 1000)
        python_cpu += time.process_time() - python_start
        cpu += backend_cpu_seconds(pid) - backend
        if profile:
            profile.disable()
        found[n % 4] += bool(conflicts)
    if profile:
        # --profile 1: where the time of the checks goes (Python side)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    exact = []
    for registration in registrations:
        # the exact keys alone (set one), as before similar names
        keys = dataclasses.replace(registration._prm_customer_keys(), fuzzy_name=None)
        env.invalidate_all()
        start = time.perf_counter()
        Registration._prm_search_conflicts(
            keys, registration.company_id, [registration]
        )
        exact.append((time.perf_counter() - start) * 1000)
    exact.sort()
    print(
        f"exact keys only: median {statistics.median(exact):.2f} ms "
        f"(p95 {exact[int(len(exact) * 0.95) - 1]:.2f} ms)"
    )
    timings.sort()
    p90 = timings[int(len(timings) * 0.9) - 1]
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"conflict checks: {len(timings)}, found a conflict: {found[0]} of the "
        f"known leads, {found[1]} of the known customers (without orders: "
        f"similar names only), {found[2]} of the typos of known leads, "
        f"{found[3]} of the unknown customers (similar names only)"
    )
    print(
        f"median conflict-check time at {args.leads} leads and customers: "
        f"{statistics.median(timings):.2f} ms (p90 {p90:.2f} ms, "
        f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms; min {timings[0]:.2f} ms, "
        f"p10 {timings[len(timings) // 10]:.2f} ms)"
    )
    # the machine may be shared: its load during the checks, and the CPU
    # time of a check, which waiting for a core does not count
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if cpu == cpu:  # not NaN: the backend's CPU time was read
        print(
            f"CPU time of a check (mean): {python_cpu * 1000 / len(timings):.2f} ms "
            f"in Python, {cpu * 1000 / len(timings):.2f} ms in PostgreSQL"
        )
    print(
        "median submission (create, conflict check, conflict lines, claim): "
        f"{statistics.median(submits):.2f} ms"
    )
    print_check_queries(env, registrations[0])


if __name__ == "__main__":
    main()
