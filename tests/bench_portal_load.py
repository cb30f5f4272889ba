# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: the partner portal under many concurrent partners.

Prepares (and commits: a web server in other processes reads it) N portal
users (default 50), each the contact of its own channel partner company with
deal registrations, commission lines and a draft statement, then starts Odoo
in prefork mode (``--workers 2``, no cron thread, the websocket server on a
free port) on the same database and waits for ``/web/health``. Clients log in
through ``/web/login`` with its CSRF token, then browse ``/my/partner``,
``/my/deals``, one of their deals, ``/my/commissions`` and register deals
through the portal form (``/my/deals/new``, GET then POST):

1. unloaded: one client requests every page ``--samples`` times;
2. loaded: N clients at once, for ``--duration`` seconds (default 120, or
   PRM_BENCH_LOAD_SECONDS), each pausing ``--think-ms`` on average between
   two clicks: 10 s by default, a person reading the page; 0 gives no pause
   at all (the server saturated, latency is then mostly queueing). The
   clients log in one after the other over ``--ramp-ms`` (5 s by default,
   10 a second; 0: all in the same instant), as load tools ramp up users.

Prints the throughput, per page the p50 and p95 latency unloaded and loaded
and the errors (a status other than 2xx/3xx, a page that is not the one
asked for, a refused form), whether each loaded p95 is within 3x the
unloaded p50, and the error lines of the server's log (deadlocks and
serialisation failures included). The portal users are kept (their logins
start with ``prm_load_``) and reused by the next run; ``setup/bench.sh``
makes a fresh database each time.

Usage (the database needs prm_portal installed; nothing may listen on the
port):

    python tests/bench_portal_load.py -c odoo.conf -d mydb [-n 50]
        [--duration 120] [--think-ms 10000] [--ramp-ms 5000] [--port 8371]
        [--workers 2]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_PORTAL_USERS in the
environment. Run it with the Python of the Odoo environment; the client
threads share the machine with the server.
"""

import concurrent.futures
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta

import bench_common
from portal_load import (
    FORM,
    SUBMIT,
    Client,
    percentile,
    start_server,
    stop_server,
    wait_health,
)

LOGIN_PREFIX = "prm_load_"
DEALS_PER_PARTNER = 8
LINES_PER_PARTNER = 20
PAGES = ("/my/partner", "/my/deals", "deal page", "/my/commissions")
#: how often a loaded client takes each step (a registration is GET + POST)
WEIGHTS = {"/my/partner": 3, "/my/deals": 3, "deal page": 3, "/my/commissions": 2}
REGISTER_WEIGHT = 1


def main():
    args = bench_common.parse_args(
        __doc__,
        "-n",
        "--users",
        default=50,
        size_env="PRM_BENCH_PORTAL_USERS",
        size_help="portal users (each with its own partner company)",
        int_options={
            "--duration": int(os.environ.get("PRM_BENCH_LOAD_SECONDS", "120")),
            "--think-ms": 10000,
            "--ramp-ms": 5000,
            "--port": int(os.environ.get("PRM_BENCH_LOAD_PORT", "8371")),
            "--workers": 2,
            "--samples": 15,
        },
    )
    start = time.perf_counter()
    users = prepare(args)
    print(
        f"setup: {len(users)} portal users with their partners, "
        f"{DEALS_PER_PARTNER} deals and {LINES_PER_PARTNER} commission lines "
        f"each, in {time.perf_counter() - start:.1f} s"
    )
    log = os.path.join(
        tempfile.gettempdir(), f"prm-portal-load-{args.database}-{args.port}.log"
    )
    if os.path.exists(log):
        os.unlink(log)
    print(f"load average before: {_load()}")
    with tempfile.TemporaryDirectory(prefix="prm-load-") as folder:
        server = start_server(args, folder, log)
        try:
            base = f"http://127.0.0.1:{args.port}"
            wait_health(base, server)
            unloaded = run_unloaded(base, users[0], args.samples)
            loaded, seconds, logins = run_loaded(base, users, args)
        finally:
            stop_server(server)
    print(f"load average after: {_load()}")
    report(unloaded, loaded, seconds, logins, args)
    server_log(log)


def _load():
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


# ---------------------------------------------------------------------------
# Data


def prepare(args):
    """The portal users (login, password, deal ids), created when missing."""
    import odoo
    from odoo import SUPERUSER_ID, Command, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database])
    odoo.service.server.load_server_wide_modules()
    registry = Registry(args.database)
    users = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        if "prm.deal.registration" not in env:
            sys.exit(f"prm_portal is not installed in database {args.database}")
        portal = env.ref("base.group_portal")
        currency = env.company.currency_id
        country = env.ref("base.vn")
        year_start = date(date.today().year, 1, 1)
        Users = env["res.users"].with_context(no_reset_password=True)
        for index in range(1, args.users + 1):
            login = f"{LOGIN_PREFIX}{index:03d}"
            user = Users.search([("login", "=", login)])
            if not user:
                company = env["res.partner"].create(
                    {
                        "name": f"Load Channel {index:03d} Co., Ltd",
                        "is_company": True,
                        "prm_is_partner": True,
                        "prm_partner_type": "reseller",
                        "prm_stage": "active",
                        "country_id": country.id,
                        "email": f"office@load-channel-{index:03d}.example",
                    }
                )
                user = Users.create(
                    {
                        "name": f"Load Contact {index:03d}",
                        "login": login,
                        "password": login,
                        "email": f"contact@load-channel-{index:03d}.example",
                        "groups_id": [Command.set([portal.id])],
                    }
                )
                user.partner_id.parent_id = company
                _partner_data(env, company, index, currency, country, year_start)
            partner = user.partner_id.commercial_partner_id
            deals = env["prm.deal.registration"].search(
                [("partner_id", "=", partner.id)], limit=DEALS_PER_PARTNER
            )
            users.append((login, login, deals.ids))
        cr.commit()
    return users


def _partner_data(env, company, index, currency, country, year_start):
    """Deal registrations, commission lines and a draft statement."""
    from odoo import Command

    env["prm.deal.registration"].create(
        [
            {
                "partner_id": company.id,
                "customer_name": f"Load Customer {index:03d}-{number} JSC",
                "customer_contact_name": f"Buyer {number}",
                "customer_email": f"buyer@load-{index:03d}-{number}.example",
                "customer_country_id": country.id,
                "expected_revenue": 10_000_000 * (number + 1),
            }
            for number in range(DEALS_PER_PARTNER)
        ]
    )
    lines = env["prm.commission.line"].create(
        [
            {
                "partner_id": company.id,
                "source_key": f"portal-load-{index:03d}-{number}",
                "currency_id": currency.id,
                "date": year_start + timedelta(days=number * 9),
                "state": "confirmed",
                "base_amount": 1000.0 * (number + 1),
                "rate": 10.0,
                "amount": 100.0 * (number + 1),
            }
            for number in range(LINES_PER_PARTNER)
        ]
    )
    env["prm.commission.settlement"].create(
        {
            "partner_id": company.id,
            "currency_id": currency.id,
            "date_from": year_start,
            "date_to": year_start + timedelta(days=30),
            "line_ids": [Command.set(lines[:5].ids)],
            "state": "draft",
        }
    )


def run_unloaded(base, user, samples):
    """One client alone: every page ``samples`` times after a warm-up."""
    client = Client(base, user)
    if not client.log_in():
        sys.exit(f"{user[0]} cannot log in: {client.samples[-1][2]}")
    for page in PAGES:  # warm-up: caches, templates, assets bundles
        client.visit(page)
    client.register()
    client.samples.clear()
    for _round in range(samples):
        for page in PAGES:
            client.visit(page)
        client.register()
    return client.samples


def run_loaded(base, users, args):
    """Every user at once for ``args.duration`` seconds."""
    started = []
    # the clock starts when every client has logged in
    barrier = threading.Barrier(
        len(users), action=lambda: started.append(time.perf_counter())
    )
    pages = [page for page, weight in WEIGHTS.items() for _n in range(weight)]
    pages += ["register"] * REGISTER_WEIGHT
    think = args.think_ms / 1000.0

    def browse(index, user):
        # people arrive over the ramp-up, not all in the same millisecond:
        # 50 connections at once overflow the listen queue of 2 workers
        # (8 per worker) and Odoo's 2 s socket timeout, without a proxy
        time.sleep(args.ramp_ms / 1000.0 * index / len(users))
        client = Client(base, user)
        logged_in = client.log_in()
        logins = list(client.samples)
        client.samples.clear()
        barrier.wait()
        deadline = time.monotonic() + args.duration
        while logged_in and time.monotonic() < deadline:
            if think:
                time.sleep(random.uniform(0.5, 1.5) * think)
            step = random.choice(pages)
            if step == "register":
                client.register()
            else:
                client.visit(step)
        return client.samples, logins

    samples, logins = [], []
    with concurrent.futures.ThreadPoolExecutor(len(users)) as pool:
        futures = [pool.submit(browse, index, user) for index, user in enumerate(users)]
        for future in futures:
            found, tried = future.result()
            samples += found
            logins += tried
    return samples, time.perf_counter() - started[0], logins


# ---------------------------------------------------------------------------
# Report


def _by_page(samples):
    pages = {}
    for page, seconds, error in samples:
        pages.setdefault(page, []).append((seconds, error))
    return pages


def report(unloaded, loaded, seconds, logins, args):
    quiet, busy = _by_page(unloaded), _by_page(loaded)
    print(
        f"loaded: {args.users} clients for {seconds:.0f} s, think time "
        f"{args.think_ms} ms on average: {len(loaded)} requests = "
        f"{len(loaded) / seconds:.1f} requests/s, "
        f"{sum(1 for s in loaded if s[0] == SUBMIT and not s[2])} registrations"
    )
    login_errors = [error for _page, _s, error in logins if error]
    print(f"logins: {len(logins) // 2} clients, {len(login_errors)} errors")
    header = (
        f"{'page':<22}{'p50 alone':>10}{'p95 alone':>10}{'requests':>10}"
        f"{'p50 load':>10}{'p95 load':>10}{'errors':>8}  p95 load <= 3x p50 alone"
    )
    print(header)
    verdicts = []
    for page in (*PAGES, FORM, SUBMIT):
        alone = [s for s, _e in quiet.get(page, [])]
        under = [s for s, _e in busy.get(page, [])]
        errors = [e for _s, e in busy.get(page, []) if e]
        p50_alone = statistics.median(alone) if alone else float("nan")
        p95_load = percentile(under, 0.95)
        within = p95_load <= 3 * p50_alone
        verdicts.append(within)
        print(
            f"{page:<22}{p50_alone * 1000:>8.0f}ms"
            f"{percentile(alone, 0.95) * 1000:>8.0f}ms"
            f"{len(under):>10}{percentile(under, 0.5) * 1000:>8.0f}ms"
            f"{p95_load * 1000:>8.0f}ms{len(errors):>8}  "
            f"{'yes' if within else 'NO'} ({p95_load / p50_alone:.1f}x)"
        )
    errors = [e for _p, _s, e in loaded if e] + login_errors
    kinds = {}
    for error in errors:
        kinds[error] = kinds.get(error, 0) + 1
    print(f"errors: {len(errors)}" + (f" {kinds}" if kinds else ""))
    print(
        "every loaded p95 within 3x the unloaded p50: "
        + ("yes" if all(verdicts) else "NO")
    )


#: werkzeug's request line: ... "GET /path HTTP/1.1" 200 - queries sql_s other_s
REQUEST_LINE = re.compile(r'"(?:GET|POST) [^"]*" (\d{3}) - (\d+) ([\d.]+) ([\d.]+)')


def server_log(log):
    """The time the server itself spent per request (SQL and the rest, from
    its request lines: what the clients saw beyond it is queueing) and its
    ERROR lines (deadlocks and serialisation failures too)."""
    with open(log, encoding="utf-8", errors="replace") as handle:
        lines = handle.readlines()
    times, queries = [], []
    for line in lines:
        found = REQUEST_LINE.search(line)
        if found:
            times.append(float(found.group(3)) + float(found.group(4)))
            queries.append(int(found.group(2)))
    if times:
        print(
            f"server time per request (all phases): {len(times)} requests, "
            f"p50 {percentile(times, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(times, 0.95) * 1000:.0f} ms, "
            f"median {statistics.median(queries):.0f} SQL queries"
        )
    bad = [line for line in lines if " ERROR " in line or " CRITICAL " in line]
    conflicts = [
        line
        for line in lines
        if "deadlock" in line.lower() or "could not serialize" in line.lower()
    ]
    print(
        f"server log {log}: {len(lines)} lines, {len(bad)} ERROR lines, "
        f"{len(conflicts)} deadlock or serialisation lines"
    )
    for line in bad[:5]:
        print("  " + line.rstrip()[:300])


if __name__ == "__main__":
    main()
