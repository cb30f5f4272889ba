"""Take the portal screenshots of prm_portal's README with headless Chromium.

Usage: portal_screenshots.py BASE_URL LOGIN PASSWORD OUT_DIR
Run it with the Python of the Odoo environment (requests, websocket-client)
against an Odoo serving the demo database (setup/run.sh prints the demo
partner's login). Each shot is a page at a width, the phone ones with touch
and mobile emulation; the whole page is captured up to MAX_HEIGHT pixels.
"""

import base64
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import requests
import websocket

# (file, path, width, height of the viewport)
SHOTS = (
    ("portal_home.png", "/my", 1280, 800),
    ("portal_dashboard.png", "/my/partner", 1280, 800),
    ("portal_deal_form.png", "/my/deals/new", 1280, 800),
    ("portal_commissions.png", "/my/commissions", 1280, 800),
    ("portal_trainings.png", "/my/trainings", 1280, 800),
    ("portal_phone_dashboard.png", "/my/partner", 390, 844),
    ("portal_phone_deals.png", "/my/deals", 390, 844),
)
MAX_HEIGHT = 1600
PORT = 9391
WAIT = 4


def session_cookie(base, login, password):
    session = requests.Session()
    page = session.get(f"{base}/web/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    session.post(
        f"{base}/web/login",
        data={"login": login, "password": password, "csrf_token": token},
    )
    return session.cookies.get("session_id")


class Chrome:
    def __init__(self):
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                f"--user-data-dir={tempfile.mkdtemp()}",
                f"--remote-debugging-port={PORT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for __ in range(50):
            try:
                tabs = requests.get(f"http://127.0.0.1:{PORT}/json", timeout=2).json()
                break
            except requests.RequestException:
                time.sleep(0.2)
        page = next(tab for tab in tabs if tab["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"])
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                return message.get("result", {})

    def close(self):
        self.process.kill()


def main(argv):
    base, login, password, out_dir = argv[1:5]
    out = pathlib.Path(out_dir)
    cookie = session_cookie(base, login, password)
    host = re.sub(r"^https?://", "", base).split(":")[0]
    chrome = Chrome()
    try:
        chrome.call("Network.enable")
        chrome.call("Network.setCookie", name="session_id", value=cookie, domain=host, path="/")
        chrome.call("Page.enable")
        for filename, path, width, height in SHOTS:
            phone = width < 600
            chrome.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=phone,
            )
            chrome.call("Emulation.setTouchEmulationEnabled", enabled=phone)
            chrome.call("Page.navigate", url=base + path)
            time.sleep(WAIT)
            metrics = chrome.call("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            # the page without the website footer, at most MAX_HEIGHT high
            footer = chrome.call(
                "Runtime.evaluate",
                expression="(document.querySelector('footer') || {}).offsetTop || 0",
                returnByValue=True,
            )["result"].get("value") or size["height"]
            shot = chrome.call(
                "Page.captureScreenshot",
                format="png",
                captureBeyondViewport=True,
                clip={
                    "x": 0,
                    "y": 0,
                    "width": width,
                    "height": min(footer, size["height"], MAX_HEIGHT),
                    "scale": 1,
                },
            )
            (out / filename).write_bytes(base64.b64decode(shot["data"]))
            print("saved", out / filename)
    finally:
        chrome.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
