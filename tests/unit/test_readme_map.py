"""The README's map (feature -> files -> tests) names files that exist.

A bare file name sits in the folder of the path before it, a path like
``logic/x.py`` in the addon of the path before it, ``*`` and ``<section>``
stand for a family of files. When files move, this says which rows to
update.
"""

import pathlib
import posixpath
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _rows():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        if len(cells) == 3 and cells[0] not in ("feature", "---"):
            yield cells


def _paths(cell):
    addon = folder = None
    for token in re.findall(r"`([^`]+)`", cell):
        if re.match(r"(prm_\w+|tests)/", token):
            path = token
            addon = token.split("/")[0]
        elif "/" in token:
            path = f"{addon}/{token}"
        else:
            path = f"{folder}/{token}"
        folder = posixpath.dirname(path.rstrip("/"))
        yield token, path.replace("<section>", "*").rstrip("/")


ROWS = list(_rows())


def test_the_map_has_its_features():
    features = {row[0] for row in ROWS}
    for feature in ("tiers", "commissions", "portal sections", "applications"):
        assert feature in features
    assert len(ROWS) >= 11


@pytest.mark.parametrize("feature,files,tests", ROWS, ids=[row[0] for row in ROWS])
def test_every_path_of_a_row_exists(feature, files, tests):
    missing = [
        token
        for cell in (files, tests)
        for token, path in _paths(cell)
        if not list(ROOT.glob(path))
    ]
    assert not missing, f"{feature}: no such file {missing}"
    assert any("tests/" in path for __, path in _paths(tests)), feature
