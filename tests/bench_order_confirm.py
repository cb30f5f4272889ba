# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: the cost of the suite when sale orders are confirmed.

Creates (inside one transaction that is rolled back at the end) the plan,
partners and products of ``bench_commission.py``, then, in each of
``--rounds`` rounds, two identical batches of N quotations of 5 lines
(default 1,000), and confirms them with ``action_confirm``: one as the suite
does it (its commission lines written at confirmation), the other with the
suite's confirmation hook (``_prm_commission_sync``) left out, which is Odoo's
own confirmation plus the suite's stored fields. The batch that goes first
alternates, after a warm-up of both. Prints each round's times (wall clock
and CPU of this process), SQL queries, commission lines written and ratio,
and the median ratios (target: at most 1.10x).
``--profile`` prints the cProfile of the suite's hook on one more batch.

Usage (the database needs prm_commission installed):

    python tests/bench_order_confirm.py -c odoo.conf -d mydb [-n 1000]
        [--rounds 3] [--profile]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_ORDERS in the
environment. Run it with the Python of the Odoo environment.
"""

import cProfile
import io
import pstats
import statistics
import time
from unittest import mock

import bench_common
from bench_commission import build_plan, draft_orders


def confirm(env, orders, with_suite):
    """Confirm ``orders``; without the suite, its hook does nothing. Returns
    the measurement and the CPU seconds of this process (the Python side,
    less disturbed than the wall clock by other work on the machine)."""
    cpu = time.process_time()
    if with_suite:
        seen = bench_common.measure(env, orders.action_confirm)
    else:
        model = type(env["sale.order"])
        with mock.patch.object(model, "_prm_commission_sync", lambda self: None):
            seen = bench_common.measure(env, orders.action_confirm)
    return seen, time.process_time() - cpu


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
    )
    with bench_common.odoo_env(args, "prm.commission.line", "prm_commission") as env:
        start = time.perf_counter()
        env, partners, products, customer = build_plan(env)
        print(f"setup: plan and partners in {time.perf_counter() - start:.1f} s")
        # warm-up both ways (caches, first queries): not measured
        for with_suite in (True, False):
            warm = draft_orders(env, partners, products, customer, 20)
            confirm(env, warm, with_suite)
        Line = env["prm.commission.line"]
        ratios, cpu_ratios = [], []
        for round_ in range(1, args.rounds + 1):
            batches = {
                with_suite: draft_orders(env, partners, products, customer, args.orders)
                for with_suite in (True, False)
            }
            env.flush_all()
            order = (True, False) if round_ % 2 else (False, True)
            seen = {
                with_suite: confirm(env, batches[with_suite], with_suite)
                for with_suite in order
            }
            (suite, suite_cpu), (bare, bare_cpu) = seen[True], seen[False]
            ratio = suite.seconds / bare.seconds
            ratios.append(ratio)
            cpu_ratios.append(suite_cpu / bare_cpu)
            lines = Line.search_count([("order_id", "in", batches[True].ids)])
            print(
                f"round {round_}: {args.orders} orders confirmed in "
                f"{suite.seconds:.2f} s with the suite ({suite_cpu:.2f} s CPU, "
                f"{suite.queries} queries, {lines} commission lines) vs "
                f"{bare.seconds:.2f} s without ({bare_cpu:.2f} s CPU, "
                f"{bare.queries} queries): {ratio:.2f}x"
            )
        print(
            "confirmation with the suite / without: median "
            f"{statistics.median(ratios):.2f}x "
            f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x; target <= 1.10x); "
            f"CPU of this process: median {statistics.median(cpu_ratios):.2f}x"
        )
        if args.profile:
            # the work of the hook alone: confirmed without it, then run
            orders = draft_orders(env, partners, products, customer, args.orders)
            confirm(env, orders, with_suite=False)
            env.invalidate_all()
            profiler = cProfile.Profile()
            profiler.enable()
            orders._prm_commission_sync()
            env.flush_all()
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(30)
            stats.sort_stats("cumulative").print_stats(30)
            print(out.getvalue())


if __name__ == "__main__":
    main()
