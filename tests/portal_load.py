# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Harness of ``bench_portal_load.py``: an Odoo server in prefork mode and
portal clients that time what they ask.

A plain module, not a benchmark (``setup/bench.sh`` runs ``bench_*.py``):
``python tests/bench_portal_load.py`` puts this folder first on ``sys.path``.
The clients need ``requests`` (one of Odoo's requirements).
"""

import os
import random
import re
import socket
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta

FORM = "deal form (GET)"
SUBMIT = "registration (POST)"
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
COUNTRY = re.compile(r'<option[^>]*value="(\d+)"[^>]*selected[^>]*>', re.IGNORECASE)

#: The server's script. For its websocket process (``gevent`` argument) it
#: loads gevent's plugins without checking their requirements: the
#: pkg_resources of some environments cannot find ``zope.interface`` when it
#: is installed as ``zope_interface``, and the process would die at start.
LAUNCHER = """import sys
if len(sys.argv) > 1 and sys.argv[1] == "gevent":
    import gevent.events

    def _notify(event):
        gevent.events.notify(event)
        for plugin in gevent.events.iter_entry_points(event.ENTRY_POINT_NAME):
            plugin.resolve()(event)

    gevent.events.notify_and_call_entry_points = _notify
import odoo
odoo.cli.main()
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, folder, log):
    """Odoo in prefork mode. It runs from a launcher script, not ``-m odoo``:
    the prefork server starts its websocket (gevent) process by running its
    own ``sys.argv[0]`` again, which must be a script."""
    launcher = os.path.join(folder, "odoo-launcher.py")
    with open(launcher, "w", encoding="utf-8") as handle:
        handle.write(LAUNCHER)
    command = [
        sys.executable,
        launcher,
        "-c",
        args.config,
        "-d",
        args.database,
        f"--db-filter=^{re.escape(args.database)}$",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--http-interface=127.0.0.1",
        f"--http-port={args.port}",
        f"--gevent-port={_free_port()}",
        f"--logfile={log}",
        "--log-level=info",
    ]
    print(f"server: {args.workers} workers on port {args.port}, log {log}")
    return subprocess.Popen(command, env=dict(os.environ, TZ="UTC"))


def wait_health(base, server, timeout=180):
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit code {server.returncode})")
        try:
            if requests.get(f"{base}/web/health", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    sys.exit("the server did not answer /web/health")


def stop_server(server):
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


class Client:
    """One portal user's browser: a session and the timings it measured."""

    def __init__(self, base, user):
        import requests

        self.base = base
        self.login, self.password, self.deal_ids = user
        self.session = requests.Session()
        self.samples = []  # (page, seconds, error or None)
        self.serial = 0

    def _timed(self, page, method, path, check, **kwargs):
        start = time.perf_counter()
        error = None
        response = None
        try:
            response = self.session.request(
                method, self.base + path, timeout=120, **kwargs
            )
            if not 200 <= response.status_code < 400:
                error = f"HTTP {response.status_code}"
            else:
                error = check(response)
        except Exception as exc:  # a refused or dropped connection counts
            error = type(exc).__name__
        self.samples.append((page, time.perf_counter() - start, error))
        return response if error is None else None

    def log_in(self):
        response = self._timed("login page", "GET", "/web/login", _no_check)
        token = response is not None and CSRF.search(response.text)
        if not token:
            self.samples.append(("login", 0.0, "no CSRF token"))
            return False
        return (
            self._timed(
                "login",
                "POST",
                "/web/login",
                lambda r: "still on /web/login" if "/web/login" in r.url else None,
                data={
                    "login": self.login,
                    "password": self.password,
                    "csrf_token": token.group(1),
                    "redirect": "/my",
                },
            )
            is not None
        )

    def visit(self, page):
        path = (
            f"/my/deals/{random.choice(self.deal_ids)}" if page == "deal page" else page
        )
        self._timed(page, "GET", path, _same_page(path))

    def register(self):
        form = self._timed(FORM, "GET", "/my/deals/new", _same_page("/my/deals/new"))
        token = form is not None and CSRF.search(form.text)
        if not token:
            return
        country = COUNTRY.search(form.text)
        self.serial += 1
        key = f"{self.login}-{self.serial}-{uuid.uuid4().hex[:6]}".replace("_", "-")
        data = {
            "csrf_token": token.group(1),
            "customer_name": f"Load Prospect {key} Trading",
            "customer_contact_name": "Tran Thi Load",
            "customer_email": f"buyer@{key}.example",
            "customer_phone": "",
            "customer_country_id": country.group(1) if country else "",
            "expected_revenue": "250000000",
            "date_close": (date.today() + timedelta(days=45)).isoformat(),
            "notes": "Submitted by the portal load benchmark.",
        }
        self._timed(SUBMIT, "POST", "/my/deals/new", _submitted, data=data)


def _no_check(response):
    return None


def _same_page(path):
    def check(response):
        if not response.url.split("?")[0].endswith(path):
            return f"redirected to {response.url.split('?')[0]}"
        return None

    return check


def _submitted(response):
    if re.search(r"/my/deals/\d+\?message=submitted", response.url):
        return None
    from lxml import html

    fields = html.fromstring(response.text).xpath(
        '//*[contains(@class, "is-invalid")]/@name'
    )
    return f"form refused ({', '.join(sorted(fields)) or 'no field marked'})"


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
