# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: the cost of the suite when sale orders are confirmed.

Compares, in one run, the confirmation of N quotations of 5 lines (default
1,000) with ``action_confirm`` in two databases: the given one, with the
suite, and a bare one with the same Odoo modules but none of the suite's
(``--bare-db``, default ``<database>_bare``; created when missing with
``-i <those modules> --without-demo=all --stop-after-init``). Both get the
same shape of data (a company, 5 products in two categories, 100 partner
companies, a customer; the suite's side adds the plan of
``bench_commission.py`` and sets the channel partner of every order), each
inside one transaction rolled back at the end.

Each of ``--rounds`` rounds confirms one batch in each database (the side
that goes first alternates, after a warm-up of both), then drains the
suite's commission queue (the cron's work for that batch: a batch larger
than the queue threshold gets its commission lines from the cron), then
confirms one more batch with the suite and the queue off (lines written
during the confirmation), for reference, and rolls it back. Prints each
round's times (wall clock, and CPU: of this process plus the database
server's process of the cursor when it is local), SQL queries and commission
lines, the ratios, and the median ratios (target: at most 1.10x).
``--profile`` prints the cProfile of one queued confirmation.

Usage (the database needs prm_commission installed):

    python tests/bench_order_confirm.py -c odoo.conf -d mydb [-n 1000]
        [--rounds 3] [--bare-db mydb_bare] [--profile]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_ORDERS in the
environment. Run it with the Python of the Odoo environment.
"""

import contextlib
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import time

import bench_common
from bench_commission import bench_products, build_plan, draft_orders

QUEUE_THRESHOLD = "prm_commission.queue_threshold"


def odoo_modules(env):
    """The installed modules of the suite's database that are not the suite's."""
    env.cr.execute(
        """SELECT name FROM ir_module_module
            WHERE state = 'installed' AND name NOT LIKE 'prm\\_%%'
            ORDER BY name"""
    )
    return [row[0] for row in env.cr.fetchall()]


def ensure_bare_db(args, name, modules):
    """Create database ``name`` with ``modules`` (no demo data) if missing."""
    from odoo.service import db

    if db.exp_db_exist(name):
        return
    print(f"creating {name} with {len(modules)} modules (once) ...", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            args.config,
            "-d",
            name,
            "-i",
            ",".join(modules),
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


@contextlib.contextmanager
def bare_env(name):
    """Superuser environment on ``name``, rolled back at the end."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    with Registry(name).cursor() as cr:
        try:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            if "prm.commission.line" in env:
                sys.exit(f"{name} has the suite: it cannot be the bare database")
            yield env
        finally:
            cr.rollback()


def build_bare(env):
    """The suite's benchmark data without the suite: a company, the
    products, 100 partner companies and a customer; returns (env, products,
    customer)."""
    company = env["res.company"].create({"name": "PRM Commission Benchmark"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    products = bench_products(env)
    env["res.partner"].create(
        [{"name": f"Bench Partner {i:03d}", "is_company": True} for i in range(100)]
    )
    customer = env["res.partner"].create({"name": "Bench Customer"})
    return env, products, customer


def ensure_warehouse(env):
    """With stock installed, the benchmark's company needs a warehouse (Odoo
    makes one for a new company in its tests only)."""
    if "stock.warehouse" in env:
        Warehouse = env["stock.warehouse"]
        if not Warehouse.search_count([("company_id", "=", env.company.id)]):
            Warehouse.create({"company_id": env.company.id})


def backend_cpu(env):
    """CPU seconds so far of the PostgreSQL process serving ``env``'s
    cursor, when it runs on this machine and its /proc entry is readable;
    else None."""
    env.cr.execute("SELECT pg_backend_pid()")
    pid = env.cr.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime, the 14th and 15th fields (the 2nd is cut off above)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(env, function):
    """The measurement of ``function`` and the CPU seconds it took: of this
    process (the Python side) plus, when readable, of the database server's
    process of the cursor; both far less disturbed than the wall clock by
    other work on the machine."""
    # the pending work (creating the records) is not measured
    env.flush_all()
    server = backend_cpu(env)
    cpu = time.process_time()
    seen = bench_common.measure(env, function)
    cpu = time.process_time() - cpu
    if server is not None:
        cpu += backend_cpu(env) - server
    return seen, cpu


def set_threshold(env, value):
    env["ir.config_parameter"].set_param(QUEUE_THRESHOLD, str(value))


def main():
    args = bench_common.parse_args(
        __doc__,
        "-n",
        "--orders",
        default=1000,
        size_env="PRM_BENCH_ORDERS",
        size_help="sale orders of 5 lines per batch (default 1000)",
        int_options={"--rounds": 3},
        bool_options={"--profile": "print the cProfile of one confirmation"},
        str_options={"--bare-db": "database without the suite (default <db>_bare)"},
    )
    bare_name = args.bare_db or f"{args.database}_bare"
    with bench_common.odoo_env(args, "prm.commission.line", "prm_commission") as env:
        ensure_bare_db(args, bare_name, odoo_modules(env))
        with bare_env(bare_name) as bare:
            run(args, env, bare)


def run(args, env, bare):
    start = time.perf_counter()
    env, partners, products, customer = build_plan(env)
    bare, bare_products, bare_customer = build_bare(bare)
    ensure_warehouse(env)
    ensure_warehouse(bare)
    print(f"setup: data of both databases in {time.perf_counter() - start:.1f} s")
    SaleOrder = env["sale.order"]
    threshold = SaleOrder._prm_commission_queue_threshold()
    if args.orders <= threshold:
        sys.exit(f"-n must be above the queue threshold ({threshold})")

    def suite_batch(count=args.orders):
        return draft_orders(env, partners, products, customer, count)

    def bare_batch(count=args.orders):
        return draft_orders(bare, None, bare_products, bare_customer, count)

    # warm-up of every path (caches, first queries): not measured
    warm = max(threshold + 1, 50)
    timed(env, suite_batch(warm).action_confirm)
    timed(env, SaleOrder._cron_prm_commission_queue)
    timed(bare, bare_batch(warm).action_confirm)
    Line = env["prm.commission.line"]
    rows = []
    for round_ in range(1, args.rounds + 1):
        batches = {"suite": suite_batch(), "bare": bare_batch()}
        env.flush_all()
        bare.flush_all()
        sides = ("suite", "bare") if round_ % 2 else ("bare", "suite")
        seen = {
            side: timed(env if side == "suite" else bare, batches[side].action_confirm)
            for side in sides
        }
        queued = len(batches["suite"].filtered("prm_commission_pending"))
        drain = timed(env, SaleOrder._cron_prm_commission_queue)
        lines = Line.search_count([("order_id", "in", batches["suite"].ids)])
        # for reference: the lines written during the confirmation, rolled
        # back, so that both databases hold as many orders round after round
        # (a second batch a round made the suite's side confirm among twice
        # the orders, stock moves and lines of the bare one: each round
        # slower than the one before, 1.07x, 1.35x, 1.53x)
        env.flush_all()
        env.cr.execute("SAVEPOINT bench_reference")
        reference = suite_batch()
        set_threshold(env, args.orders)
        inline = timed(env, reference.action_confirm)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_reference")
        # the threshold of the rolled back batch may still be cached
        env.invalidate_all()
        env.registry.clear_cache()
        (suite, suite_cpu), (plain, plain_cpu) = seen["suite"], seen["bare"]
        row = {
            "ratio": suite.seconds / plain.seconds,
            "cpu": suite_cpu / plain_cpu,
            "with_drain": (suite.seconds + drain[0].seconds) / plain.seconds,
            "inline": inline[0].seconds / plain.seconds,
            "cpu_with_drain": (suite_cpu + drain[1]) / plain_cpu,
            "cpu_inline": inline[1] / plain_cpu,
        }
        rows.append(row)
        print(
            f"round {round_}: {args.orders} orders confirmed in "
            f"{suite.seconds:.2f} s with the suite, queued ({suite_cpu:.2f} s CPU, "
            f"{suite.queries} queries, {queued} orders queued) vs "
            f"{plain.seconds:.2f} s without ({plain_cpu:.2f} s CPU, "
            f"{plain.queries} queries): {row['ratio']:.2f}x; queue drained in "
            f"{drain[0].seconds:.2f} s ({drain[1]:.2f} s CPU, {drain[0].queries} "
            f"queries, {lines} commission lines); confirmation + drain "
            f"{row['with_drain']:.2f}x; lines written at confirmation "
            f"{inline[0].seconds:.2f} s ({inline[1]:.2f} s CPU) = "
            f"{row['inline']:.2f}x"
        )

    def median(key):
        values = [row[key] for row in rows]
        return (
            f"median {statistics.median(values):.2f}x "
            f"(min {min(values):.2f}x, max {max(values):.2f}x)"
        )

    print(
        f"confirmation with the suite (queued) / without: {median('ratio')}, "
        f"target <= 1.10x; CPU (Odoo + database): {median('cpu')}"
    )
    print(
        f"confirmation + queue drain / without: {median('with_drain')}; "
        f"CPU: {median('cpu_with_drain')}"
    )
    print(
        "confirmation with lines written at once / without: "
        f"{median('inline')}; CPU: {median('cpu_inline')}"
    )
    if args.profile:
        orders = suite_batch()
        env.invalidate_all()
        profiler = cProfile.Profile()
        profiler.enable()
        orders.action_confirm()
        env.flush_all()
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(30)
        print(out.getvalue())


if __name__ == "__main__":
    main()
