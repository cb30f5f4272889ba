# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The bulk order form of the portal: SKU and quantity lines typed in rows or
pasted from a spreadsheet, read and checked against the catalogue.

Error codes (translated by the controller): ``quantity`` (not a number),
``negative``, ``zero``, ``unknown`` (no such SKU), ``minimum`` (below the
product's minimum quantity), ``too_many`` (more lines than :data:`MAX_LINES`).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .validation import parse_amount

#: More lines than this are refused as a whole: a paste of a whole
#: spreadsheet is a mistake, and each line costs a cart update.
MAX_LINES = 500
#: Longest SKU read; longer cells are not product codes.
MAX_SKU_LENGTH = 64

_CELL_SPLIT = re.compile(r"\t|;")


@dataclass
class OrderLine:
    number: int
    sku: str
    quantity_text: str
    quantity: Decimal | None = None
    error: str | None = None
    params: dict = field(default_factory=dict)


def split_text(text):
    """(line number, SKU, quantity text) of each non-empty pasted line.

    A spreadsheet paste separates cells with tabs; ``;`` and a last run of
    spaces (``"AB-100 5"``) or a comma (``"AB-100,5"``) are read too. A first
    line whose quantity is a word (``SKU<tab>Qty``) is a header and skipped.
    """
    rows = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        cells = [cell.strip() for cell in _CELL_SPLIT.split(line)]
        cells = [cell for cell in cells if cell]
        if len(cells) == 1:
            cell = cells[0]
            if re.search(r"\s", cell):
                cells = cell.rsplit(None, 1)
            elif "," in cell:
                cells = cell.rsplit(",", 1)
        sku = cells[0] if cells else ""
        quantity = cells[1] if len(cells) > 1 else ""
        if not rows and number == 1 and re.fullmatch(r"[^\d]*[A-Za-z][^\d]*", quantity):
            continue
        rows.append((number, sku, quantity))
    return rows


def parse_rows(rows, separators=(None, None)):
    """:class:`OrderLine` of each (number, SKU, quantity text) row; rows with
    neither SKU nor quantity are dropped. Quantities are read in the user's
    language (``separators`` = thousands separator, decimal point)."""
    thousands, decimal = separators
    lines = []
    for number, sku, quantity_text in rows:
        sku = (sku or "").strip()
        quantity_text = (quantity_text or "").strip()
        if not sku and not quantity_text:
            continue
        line = OrderLine(number, sku[:MAX_SKU_LENGTH], quantity_text)
        if not sku:
            line.error = "sku"
        elif not quantity_text:
            line.error = "quantity"
        else:
            try:
                line.quantity = parse_amount(quantity_text, thousands, decimal)
            except ValueError:
                line.error = "quantity"
            else:
                if line.quantity < 0:
                    line.error = "negative"
                elif line.quantity == 0:
                    line.error = "zero"
        lines.append(line)
    return lines


def check_catalogue(lines, minimums):
    """Mark the lines whose SKU is not in ``minimums`` ({SKU: minimum
    quantity}, the products the partner may order) or whose quantity, summed
    over the lines of the same SKU, is below the minimum. Returns ``lines``."""
    totals = {}
    for line in lines:
        if line.error is None:
            totals[line.sku] = totals.get(line.sku, Decimal(0)) + line.quantity
    for line in lines:
        if line.error is not None:
            continue
        if line.sku not in minimums:
            line.error = "unknown"
            continue
        minimum = Decimal(str(minimums[line.sku] or 0))
        if totals[line.sku] < minimum:
            line.error = "minimum"
            line.params = {"minimum": minimum}
    return lines


def cart_quantities(lines):
    """{SKU: total quantity} of the valid lines, in the order first seen."""
    totals = {}
    for line in lines:
        if line.error is None:
            totals[line.sku] = totals.get(line.sku, Decimal(0)) + line.quantity
    return totals


def too_many(rows):
    """Whether the form holds more lines than the form accepts."""
    return len(rows) > MAX_LINES
