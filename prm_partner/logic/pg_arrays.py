# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Columns of many values sent to PostgreSQL as the text of one array, cast
on the server (``%s::int4[]``): psycopg2 sends a Python list as
``ARRAY[v1, v2, ...]``, which PostgreSQL parses element by element, several
times slower than one literal at tens of thousands of values."""

import functools


def number_array(numbers):
    """``numbers`` (ints or floats) as the text of a PostgreSQL array."""
    return "{" + ",".join(map(str, numbers)) + "}"


def id_array(ids):
    """``ids`` as :func:`number_array`, the text of the last few sets of ids
    kept: tier evaluation restricts five queries to the same 10,000
    partners, and writing their text costs ten times looking it up."""
    return _id_array(tuple(ids))


@functools.lru_cache(maxsize=8)
def _id_array(ids):
    return number_array(ids)


def key_array(keys):
    """Selection keys, ``None`` or empty for NULL, as the text of a
    PostgreSQL array (keys hold neither quotes nor backslashes)."""
    text = {key: f'"{key}"' if key else "NULL" for key in set(keys)}
    return "{" + ",".join(map(text.__getitem__, keys)) + "}"


def value_array(numbers):
    """``numbers`` that repeat (figures, percents) as :func:`number_array`
    gives them, each distinct one formatted once: at 40,000 KPIs formatting
    every float costs more than the lookups."""
    text = {number: str(number) for number in set(numbers)}
    return "{" + ",".join(map(text.__getitem__, numbers)) + "}"
