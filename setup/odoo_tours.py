#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Print the pytest node ids of the tests that run a browser tour.

Usage: odoo_tours.py ADDONS_DIR ADDON [ADDON...]

A test runs a tour when its own body calls ``start_tour`` (or
``browser_js``). setup/test.sh deselects them from Odoo's own website_sale
tests: those tours drive the shop and the website editor in Chromium, and on
a 2-core machine they time out in the editor's iframe. Node ids are relative
to ADDONS_DIR (pytest's ``--rootdir``), one per line.
"""

import ast
import sys
from pathlib import Path

BROWSER_CALLS = {"start_tour", "browser_js"}


def _calls_browser(function):
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            name = target.attr if isinstance(target, ast.Attribute) else None
            if name in BROWSER_CALLS:
                return True
    return False


def tour_tests(source):
    """(class name, method name) of the test methods of ``source`` (Python
    text) that call the browser."""
    found = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for item in node.body:
            if (
                isinstance(item, ast.FunctionDef)
                and item.name.startswith("test")
                and _calls_browser(item)
            ):
                found.append((node.name, item.name))
    return found


def node_ids(addons_dir, addon):
    root = Path(addons_dir)
    for path in sorted((root / addon / "tests").glob("test_*.py")):
        relative = path.relative_to(root).as_posix()
        for class_name, method in tour_tests(path.read_text(encoding="utf-8")):
            yield f"{relative}::{class_name}::{method}"


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    for addon in argv[2:]:
        for node_id in node_ids(argv[1], addon):
            print(node_id)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
