"""Take the portal screenshots of prm_portal's README with headless Chromium.

Usage: portal_screenshots.py BASE_URL LOGIN PASSWORD OUT_DIR
Run it with the Python of the Odoo environment (requests, websocket-client)
against an Odoo serving the demo database (setup/run.sh prints the demo
partner's login). Each shot is a page at a width, the phone ones with touch
and mobile emulation; the whole page is captured up to MAX_HEIGHT pixels.
"""

import base64
import pathlib
import sys
import time

# the browser and the login are screenshots.py's (the backend pictures)
from screenshots import Browser, login, set_session

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
WAIT = 4


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    base, user, password, out_dir = argv[1:5]
    base = base.rstrip("/")
    out = pathlib.Path(out_dir)
    session = login(base, user, password)
    chrome = Browser(*SHOTS[0][2:])
    try:
        chrome.call("Network.enable")
        set_session(chrome, session, base)
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
            footer = (
                chrome.evaluate("(document.querySelector('footer') || {}).offsetTop || 0")
                or size["height"]
            )
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
