#!/usr/bin/env python3
# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: channel-conflict check of a deal registration at 100,000 leads.

Loads N leads (default 100,000) with realistic customer identities straight
into crm_lead (key columns filled by the addon's own normalisation), then
times ``prm.deal.registration._prm_find_conflicts()`` for registrations of
known and unknown customers and prints the median.  Everything happens in one
transaction that is rolled back: the database is left as it was.

Usage (from the repository root, with the suite's Python):

    python tests/bench_conflict_check.py -c odoo.conf -d DATABASE [--leads 100000]

The config and database may also come from ODOO_RC and PRM_BENCH_DB.  The
database needs prm_portal installed.
"""

import random
import statistics
import time

import bench_common

LEGAL_FORMS = ["Công ty TNHH", "Công ty Cổ phần", "", "JSC", "Co., Ltd", "LLC"]
WORDS = [
    "Ánh Dương",
    "Sao Mai",
    "Hòa Bình",
    "Phương Nam",
    "Đông Á",
    "Thăng Long",
    "Việt Tiến",
    "An Khang",
    "Hồng Hà",
    "Minh Phát",
    "Trường Sơn",
    "Bảo Long",
    "Hải Âu",
    "Kim Ngân",
    "Thành Công",
    "Tân Phú",
    "Gia Huy",
    "Đại Việt",
]


def customer(i, _rng=None):
    """A deterministic, varied customer identity for index ``i``."""
    rng = random.Random(i)
    base = f"{rng.choice(WORDS)} {i}"
    form = rng.choice(LEGAL_FORMS)
    name = f"{form} {base}" if form.startswith("Công") else f"{base} {form}".strip()
    return {
        "name": name,
        "vat": f"{(1_000_000_000 + i * 7919) % 10**10:010d}" if i % 3 else None,
        "email": f"contact{i}@customer{i}.example" if i % 4 else f"c{i}@gmail.com",
        "phone": f"09{(i * 104729) % 10**8:08d}" if i % 2 else None,
    }


def load_leads(env, count, rng, conflict):
    cr = env.cr
    cr.execute("SELECT id FROM crm_stage WHERE NOT is_won ORDER BY sequence LIMIT 1")
    stage = cr.fetchone()
    stage_id = stage[0] if stage else None
    company_id = env.company.id
    batch = []
    query = """
        INSERT INTO crm_lead (name, type, active, stage_id, company_id,
            partner_name, email_from, phone, prm_key_tax, prm_key_domain,
            prm_key_phone, prm_key_name, create_date, write_date)
        VALUES %s
    """
    from psycopg2.extras import execute_values

    for i in range(count):
        c = customer(i, rng)
        keys = conflict.compute_keys(
            name=c["name"], tax_id=c["vat"], email=c["email"], phone=c["phone"]
        )
        batch.append(
            (
                f"prm-bench {i}",
                "opportunity" if i % 2 else "lead",
                True,
                stage_id,
                company_id,
                c["name"],
                c["email"],
                c["phone"],
                keys.tax_id,
                keys.email_domain,
                keys.phone,
                keys.name,
            )
        )
        if len(batch) == 5000:
            execute_values(
                cr,
                query,
                batch,
                template="(%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,now(),now())",
            )
            batch = []
    if batch:
        execute_values(
            cr,
            query,
            batch,
            template="(%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,now(),now())",
        )
    cr.execute("ANALYZE crm_lead")


def main(argv=None):
    args = bench_common.parse_args(
        __doc__,
        "--leads",
        default=100_000,
        config_env="ODOO_RC",
        int_options={"--checks": 60, "--seed": 18},
        argv=argv,
    )
    rng = random.Random(args.seed)
    with bench_common.odoo_env(args, "prm.deal.registration", "prm_portal") as env:
        from odoo.addons.prm_portal.logic import conflict

        started = time.perf_counter()
        load_leads(env, args.leads, rng, conflict)
        env.cr.execute("SELECT count(*) FROM crm_lead WHERE active")
        total = env.cr.fetchone()[0]
        print(
            f"loaded {args.leads} leads in {time.perf_counter() - started:.1f} s "
            f"({total} active leads in the database)"
        )
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
            known = n % 2 == 0
            i = rng.randrange(args.leads) if known else args.leads + n
            c = customer(i, rng)
            start = time.perf_counter()
            registrations |= Registration.create(
                {
                    "partner_id": partner.id,
                    "customer_name": c["name"],
                    "customer_vat": c["vat"],
                    "customer_email": c["email"],
                    "customer_phone": c["phone"],
                }
            )
            env.flush_all()
            submits.append((time.perf_counter() - start) * 1000)
        timings, found = [], 0
        for registration in registrations:
            env.invalidate_all()
            start = time.perf_counter()
            conflicts = registration._prm_find_conflicts()
            timings.append((time.perf_counter() - start) * 1000)
            found += bool(conflicts)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(f"conflict checks: {len(timings)} ({found} found a conflict)")
        print(
            f"median conflict-check time at {args.leads} leads: "
            f"{statistics.median(timings):.2f} ms (p90 {p90:.2f} ms, "
            f"max {timings[-1]:.2f} ms)"
        )
        print(
            "median submission (create, conflict check, conflict lines, claim): "
            f"{statistics.median(submits):.2f} ms"
        )


if __name__ == "__main__":
    main()
