# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Normalisation, validation and matching of postal code (zip) ranges.

Zips are compared after normalisation (spaces and dashes removed, upper
case). Two purely numeric zips of the same length compare as numbers;
anything else compares as text, which keeps ordering stable for
alphanumeric codes such as British or Dutch postcodes of equal shape.
"""

import re

_STRIP = re.compile(r"[\s\-]+")
_VALID = re.compile(r"^[0-9A-Z]+$")

# Error codes returned by validate_range (the model translates them).
INCOMPLETE = "incomplete"
INVALID = "invalid"
SHAPE = "shape"
REVERSED = "reversed"


def normalize(zip_code):
    """Return the zip without spaces/dashes, upper case; '' for empty values."""
    if not zip_code:
        return ""
    return _STRIP.sub("", str(zip_code)).upper()


def _shape(zip_code):
    return ("digits" if zip_code.isdigit() else "alnum", len(zip_code))


def compare(zip_a, zip_b):
    """-1, 0 or 1 comparing two normalised zips of the same shape."""
    if zip_a.isdigit() and zip_b.isdigit() and len(zip_a) == len(zip_b):
        a, b = int(zip_a), int(zip_b)
    else:
        a, b = zip_a, zip_b
    return (a > b) - (a < b)


def validate_range(zip_from, zip_to):
    """Return None when the range is valid (or empty), else an error code.

    - INCOMPLETE: only one bound given
    - INVALID: a bound holds characters other than letters and digits
    - SHAPE: bounds of different length or kind (digits vs letters)
    - REVERSED: start after end
    """
    start, end = normalize(zip_from), normalize(zip_to)
    if not start and not end:
        return None
    if not start or not end:
        return INCOMPLETE
    if not _VALID.match(start) or not _VALID.match(end):
        return INVALID
    if _shape(start) != _shape(end):
        return SHAPE
    if compare(start, end) > 0:
        return REVERSED
    return None


def in_range(zip_code, zip_from, zip_to):
    """True when ``zip_code`` lies inside [zip_from, zip_to] (bounds included).

    An empty range or zip never matches. A zip of another shape than the
    range (e.g. a 5-digit zip against a 6-digit range) does not match.
    """
    code, start, end = normalize(zip_code), normalize(zip_from), normalize(zip_to)
    if not code or not start or not end:
        return False
    if _shape(code) != _shape(start) or _shape(code) != _shape(end):
        return False
    return compare(start, code) <= 0 <= compare(end, code)
