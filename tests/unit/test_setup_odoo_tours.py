"""The list of Odoo tests that run a browser tour (left out of setup/test.sh's
website_sale step)."""

import importlib.util
import pathlib

SETUP = pathlib.Path(__file__).resolve().parents[2] / "setup"
_spec = importlib.util.spec_from_file_location(
    "_prm_setup_odoo_tours", SETUP / "odoo_tours.py"
)
odoo_tours = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(odoo_tours)

SOURCE = """
from odoo.tests import HttpCase

class TestShop(HttpCase):
    def setUp(self):
        self.start_tour("/", "not_a_test")

    def test_01_tour(self):
        self.start_tour("/shop", "shop_tour", login="admin")

    def test_02_controller(self):
        self.url_open("/shop")

    def test_03_js(self):
        if True:
            self.browser_js("/web", "run()")

    def helper(self):
        self.start_tour("/", "x")

def test_module_level():
    start_tour()
"""


def test_only_test_methods_calling_the_browser():
    assert odoo_tours.tour_tests(SOURCE) == [
        ("TestShop", "test_01_tour"),
        ("TestShop", "test_03_js"),
    ]


def test_node_ids_relative_to_the_addons_dir(tmp_path, capsys):
    tests = tmp_path / "shop" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_shop.py").write_text(SOURCE, encoding="utf-8")
    (tests / "common.py").write_text(SOURCE, encoding="utf-8")
    assert odoo_tours.main(["odoo_tours.py", str(tmp_path), "shop"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "shop/tests/test_shop.py::TestShop::test_01_tour",
        "shop/tests/test_shop.py::TestShop::test_03_js",
    ]
    assert odoo_tours.main(["odoo_tours.py"]) == 2
