# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Harness shared by the benchmark scripts ``tests/bench_*.py``.

A plain module, not a script: the scripts run as ``python tests/bench_x.py``,
so this folder comes first on ``sys.path`` and ``import bench_common`` finds
it. It holds what every benchmark needs: the command line (Odoo config,
database, a size option, environment fallbacks), an environment on a cursor
of that database whose work is always rolled back, and a measurement that
times a function and counts the SQL queries it sends.
"""

import argparse
import contextlib
import gc
import os
import sys
import time
from typing import Any, NamedTuple


def parse_args(
    doc,
    *size_flags,
    default,
    size_env=None,
    size_help=None,
    config_env="PRM_ODOO_CONFIG",
    int_options=None,
    bool_options=None,
    str_options=None,
    argv=None,
):
    """Parse a benchmark's command line.

    Every benchmark takes ``-c/--config`` (fallback: the ``config_env``
    variable) and ``-d/--database`` (fallback: ``PRM_BENCH_DB``), and one size
    option named by ``size_flags`` whose default comes from the variable
    ``size_env`` when it is set, else ``default``. ``int_options`` maps further
    integer options to their defaults, ``bool_options`` on/off flags to their
    help, ``str_options`` text options to their help (default: None). The
    description is the first paragraph of ``doc`` (the script's docstring).
    """
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("-c", "--config", default=os.environ.get(config_env))
    parser.add_argument("-d", "--database", default=os.environ.get("PRM_BENCH_DB"))
    if size_env:
        default = int(os.environ.get(size_env, str(default)))
    parser.add_argument(*size_flags, type=int, default=default, help=size_help)
    for flag, value in (int_options or {}).items():
        parser.add_argument(flag, type=int, default=value)
    for flag, text in (bool_options or {}).items():
        parser.add_argument(flag, action="store_true", help=text)
    for flag, text in (str_options or {}).items():
        parser.add_argument(flag, help=text)
    args = parser.parse_args(argv)
    if not args.config or not args.database:
        parser.error(
            f"an Odoo configuration file (-c or {config_env}) and a database "
            "(-d or PRM_BENCH_DB) are needed"
        )
    return args


@contextlib.contextmanager
def odoo_env(args, model, addon):
    """Superuser environment (mail tracking off) on a cursor of the database.

    Exits with a message when ``model`` is missing, i.e. ``addon`` is not
    installed. Whatever the benchmark wrote is rolled back at the end, even
    when it fails: the database is left as it was.
    """
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database])
    odoo.service.server.load_server_wide_modules()
    registry = Registry(args.database)
    with registry.cursor() as cr:
        try:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            if model not in env:
                sys.exit(f"{addon} is not installed in database {args.database}")
            yield env
        finally:
            cr.rollback()
    # What the run wrote is rolled back, but stays as dead rows until a
    # VACUUM (autovacuum may be off, and comes later anyway): the next
    # benchmark would scan them (200,000 orders of the tier benchmark made
    # every conflict check scan an index of 200,000 dead entries).
    vacuum_analyze(args.database)


def vacuum_analyze(database, tables=()):
    """VACUUM ANALYZE ``tables`` of ``database`` (all of them when empty), on
    a connection of its own: VACUUM cannot run inside a transaction."""
    from odoo import sql_db

    with sql_db.db_connect(database).cursor() as cr:
        cr.connection.autocommit = True
        try:
            cr.execute(f"VACUUM ANALYZE {', '.join(tables)}")
        finally:
            cr.connection.autocommit = False


class Measurement(NamedTuple):
    """What :func:`measure` saw: the function's result, its time and queries."""

    result: Any
    seconds: float
    queries: int

    def report(self, label, count, unit, extra=""):
        """Print ``count`` ``unit`` per second and the query count."""
        rate = count / self.seconds if self.seconds else 0
        print(
            f"{label}: {count} {unit} in {self.seconds:.2f} s = "
            f"{rate:.0f} {unit}/s, {self.queries} SQL queries{extra}"
        )
        return self.queries


def measure(env, function):
    """Run ``function`` on an empty cache and flush what it wrote.

    The time and the SQL queries include that flush, not the work pending
    before: the cache is flushed and emptied first.
    """
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = function()
    env.flush_all()
    seconds = time.perf_counter() - start
    return Measurement(result, seconds, env.cr.sql_log_count - queries)


def print_same_queries(subject, first, second, note=""):
    """Say whether two runs of different sizes sent the same number of queries."""
    print(
        f"query count independent of {subject}: "
        f"{'yes' if first == second else 'NO'} ({first} vs {second}{note})"
    )


class FullCollections:
    """Counts the full collections of Python's garbage collector, and the
    time they take, while it is entered."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self._start = None

    def _callback(self, phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        elif self._start is not None:
            self.count += 1
            self.seconds += time.perf_counter() - self._start

    def __enter__(self):
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self._callback)
