"""Take the backend screenshots of the addons' descriptions (static/description)
from a running Odoo with the demo data, through headless Chromium and the
DevTools protocol.

Usage: screenshots.py BASE_URL [NAME ...]
    BASE_URL  an Odoo serving the demo database, e.g. http://localhost:8069
    NAME      only these shots (default: all of SHOTS)
Environment: PRM_SHOT_LOGIN / PRM_SHOT_PASSWORD (default admin / admin),
PRM_CHROMIUM (default: chromium on the PATH), PRM_SHOT_DIR (write the
pictures there instead of the addons' static/description).

Each shot opens a path of the web client (``{xmlid}`` in it is replaced by the
record's id) in a window of ``size`` (default 1400 x 900), waits until a CSS
selector is on the page and the client is idle, clicks the ``click`` selectors
in order, and saves the picture. Run it with the
Python of the Odoo environment (it needs requests and websocket-client).
"""

import base64
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

import requests
import websocket

ROOT = pathlib.Path(__file__).resolve().parents[1]

SHOTS = [
    {
        "name": "partner_kanban",
        "addon": "prm_partner",
        "path": "/odoo/action-prm_partner.res_partner_action_prm",
        "wait": ".o_kanban_record .o_tag",
    },
    {
        "name": "partner_form",
        "addon": "prm_partner",
        "path": "/odoo/action-prm_partner.res_partner_action_prm/"
        "{prm_partner.res_partner_sao_mai_demo}",
        "wait": ".o_form_view .o_statusbar_status",
        "click": ["a[name='prm_program']"],
        "size": (1400, 1150),
    },
    {
        "name": "partner_menus",
        "addon": "prm_partner",
        "path": "/odoo/action-prm_partner.res_partner_action_prm",
        "wait": ".o_kanban_record",
        "click": [".o_main_navbar button[data-menu-xmlid='prm_partner.menu_prm_config']"],
    },
    {
        "name": "agreement_text",
        "addon": "prm_partner",
        "path": "/odoo/action-prm_partner.prm_agreement_action/"
        "{prm_partner.prm_agreement_song_han_demo}",
        "wait": ".o_form_view .o_form_sheet",
        "size": (1400, 720),
    },
    {
        "name": "channel_opportunities",
        "addon": "prm_partner",
        "path": "/odoo/action-prm_partner.crm_lead_action_prm",
        "wait": ".o_list_view .o_data_row",
    },
    {
        "name": "deal_registration_conflict",
        "addon": "prm_portal",
        "path": "/odoo/action-prm_portal.prm_deal_registration_action/"
        "{prm_portal.prm_deal_registration_submitted_demo}",
        "wait": ".o_form_view .o_statusbar_status",
        "size": (1400, 1300),
    },
    {
        "name": "commission_lines",
        "addon": "prm_commission",
        "path": "/odoo/action-prm_commission.prm_commission_line_action",
        "wait": ".o_list_view .o_data_row",
    },
    {
        "name": "commission_plan",
        "addon": "prm_commission",
        "path": "/odoo/action-prm_commission.prm_commission_plan_action/"
        "{prm_commission.prm_commission_plan_reseller_demo}",
        "wait": ".o_form_view .o_form_sheet",
    },
    {
        "name": "training_programs",
        "addon": "prm_training",
        "path": "/odoo/action-prm_training.prm_training_program_action",
        "wait": ".o_list_view .o_data_row",
    },
    {
        "name": "training_program",
        "addon": "prm_training",
        "path": "/odoo/action-prm_training.prm_training_program_action/"
        "{prm_training.prm_training_program_sales_demo}",
        "wait": ".o_form_view .o_form_sheet",
    },
]

SIZE = (1400, 900)
# The client is idle when no RPC is pending and no loading indicator shows.
IDLE_JS = "!document.querySelector('.o_loading_indicator, .o_blockUI')"


class Browser:
    """One headless Chromium tab driven over the DevTools protocol."""

    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="prm-shots-")
        binary = os.environ.get("PRM_CHROMIUM") or shutil.which("chromium")
        if not binary:
            sys.exit("chromium not found: install it or set PRM_CHROMIUM")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-port=0",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = pathlib.Path(self.profile, "DevToolsActivePort")
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        tabs = requests.get(f"http://127.0.0.1:{port}/json", timeout=10).json()
        page = next(t for t in tabs if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"])
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.3)
        return False

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def login(base, user, password):
    session = requests.Session()
    page = session.get(base + "/web/login", timeout=60).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    session.post(
        base + "/web/login",
        data={"login": user, "password": password, "csrf_token": token},
        timeout=60,
    )
    if not session.cookies.get("session_id"):
        sys.exit(f"login as {user} failed")
    return session


def resolve(session, base, path):
    """Replace each {module.xmlid} of ``path`` by the record's id."""

    def record_id(match):
        response = session.post(
            base + "/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": "ir.model.data",
                    "method": "check_object_reference",
                    "args": match.group(1).split("."),
                    "kwargs": {},
                },
            },
            timeout=60,
        ).json()
        if "error" in response:
            sys.exit(f"no record {match.group(1)}: {response['error']['data']['message']}")
        return str(response["result"][1])

    return re.sub(r"\{([\w.]+)\}", record_id, path)


def warm_up(browser, session, base):
    """Open the web client once: the first load builds its assets."""
    set_session(browser, session, base)
    browser.call("Page.navigate", url=base + "/odoo")
    browser.wait_for(f"!!document.querySelector('.o_main_navbar') && {IDLE_JS}", 300)


def set_session(browser, session, base):
    host = re.sub(r"^https?://", "", base).split(":")[0].split("/")[0]
    browser.call(
        "Network.setCookie",
        name="session_id",
        value=session.cookies.get("session_id"),
        domain=host,
        path="/",
    )


def take(browser, session, base, shot):
    width, height = shot.get("size", SIZE)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        width=width,
        height=height,
        deviceScaleFactor=1,
        mobile=False,
    )
    set_session(browser, session, base)
    browser.call("Page.navigate", url=base + resolve(session, base, shot["path"]))
    selector = json.dumps(shot["wait"])
    if not browser.wait_for(f"!!document.querySelector({selector}) && {IDLE_JS}"):
        print(f"{shot['name']}: {shot['wait']} did not show up", file=sys.stderr)
        return False
    for click in shot.get("click", []):
        target = json.dumps(click)
        if not browser.evaluate(
            f"(el => el ? (el.click(), true) : false)(document.querySelector({target}))"
        ):
            print(f"{shot['name']}: nothing to click at {click}", file=sys.stderr)
            return False
        browser.wait_for(IDLE_JS)
        time.sleep(0.5)
    time.sleep(1.0)  # fonts, images and animations settle
    data = browser.call("Page.captureScreenshot", format="png")["data"]
    folder = os.environ.get("PRM_SHOT_DIR")
    folder = pathlib.Path(folder) if folder else ROOT / shot["addon"] / "static" / "description"
    out = folder / f"{shot['name']}.png"
    out.write_bytes(base64.b64decode(data))
    print("saved", out)
    return True


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    base = argv[1].rstrip("/")
    names = set(argv[2:])
    unknown = names - {shot["name"] for shot in SHOTS}
    if unknown:
        sys.exit(f"unknown shots: {', '.join(sorted(unknown))}")
    session = login(
        base,
        os.environ.get("PRM_SHOT_LOGIN", "admin"),
        os.environ.get("PRM_SHOT_PASSWORD", "admin"),
    )
    browser = Browser(*SIZE)
    ok = True
    try:
        browser.call("Page.enable")
        browser.call("Network.enable")
        warm_up(browser, session, base)
        for shot in SHOTS:
            if not names or shot["name"] in names:
                ok = take(browser, session, base, shot) and ok
    finally:
        browser.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
