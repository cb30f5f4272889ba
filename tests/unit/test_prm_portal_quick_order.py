# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The bulk order form: pasted lines, quantities, catalogue checks, the line
cap; and the policy arithmetic of special prices."""

from decimal import Decimal

import pytest
from conftest import load_logic

quick_order = load_logic("prm_portal").quick_order
special_prices = load_logic("prm_portal").special_prices


def test_split_spreadsheet_paste_skips_header_and_blank_lines():
    text = "SKU\tQty\nAB-1\t3\n\n  CD-2\t10  \nEF-3;4\nGH-4 5\nIJ-5,6\n"
    assert quick_order.split_text(text) == [
        (2, "AB-1", "3"),
        (4, "CD-2", "10"),
        (5, "EF-3", "4"),
        (6, "GH-4", "5"),
        (7, "IJ-5", "6"),
    ]


def test_split_line_without_quantity():
    assert quick_order.split_text("AB-1") == [(1, "AB-1", "")]


@pytest.mark.parametrize(
    "quantity, error, value",
    [
        ("3", None, Decimal(3)),
        ("1.500", None, Decimal(1500)),
        ("2,5", None, Decimal("2.5")),
        ("-1", "negative", None),
        ("0", "zero", None),
        ("lots", "quantity", None),
        ("", "quantity", None),
    ],
)
def test_parse_quantities(quantity, error, value):
    (line,) = quick_order.parse_rows([(1, "AB-1", quantity)], (".", ","))
    assert line.error == error
    if value is not None:
        assert line.quantity == value


def test_parse_drops_empty_rows_and_flags_missing_sku():
    lines = quick_order.parse_rows([(1, "", ""), (2, "", "4")])
    assert [(line.number, line.error) for line in lines] == [(2, "sku")]


def test_catalogue_unknown_sku_and_minimum_on_the_summed_quantity():
    lines = quick_order.parse_rows(
        [(1, "AB-1", "2"), (2, "AB-1", "3"), (3, "CD-2", "1"), (4, "ZZ-9", "1")]
    )
    quick_order.check_catalogue(lines, {"AB-1": 5, "CD-2": 2})
    assert [line.error for line in lines] == [None, None, "minimum", "unknown"]
    assert lines[2].params == {"minimum": Decimal(2)}
    assert quick_order.cart_quantities(lines) == {"AB-1": Decimal(5)}


def test_line_cap():
    rows = [(n, f"SKU-{n}", "1") for n in range(quick_order.MAX_LINES)]
    assert not quick_order.too_many(rows)
    assert quick_order.too_many(rows + [(0, "ONE-MORE", "1")])
    text = "\n".join(f"SKU-{n}\t1" for n in range(10_000))
    assert quick_order.too_many(quick_order.split_text(text))


def test_discount_percent():
    assert special_prices.discount_percent(100, 82) == 18
    assert special_prices.discount_percent(0, 10) == 0
    assert special_prices.discount_percent(100, 120) == 0


def test_effective_discount_stacks_on_the_tier_price():
    assert special_prices.effective_discount(10, 20) == 28
    assert special_prices.effective_discount(0, 15) == 15


def test_ceiling_excess():
    assert special_prices.ceiling_excess(28, 10, 40) == 0
    assert special_prices.ceiling_excess(28, 15, 40) == 3
    assert special_prices.ceiling_excess(90, 50, 0) == 0
