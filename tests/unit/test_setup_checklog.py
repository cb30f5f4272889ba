"""The install-log check and the summary line of setup/test.sh."""

import importlib.util
import pathlib
import xml.etree.ElementTree as ET

import pytest

SETUP = pathlib.Path(__file__).resolve().parents[2] / "setup"


def _load(name):
    spec = importlib.util.spec_from_file_location(
        f"_prm_setup_{name}", SETUP / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checklog = _load("checklog")
summary = _load("summary")

LOG = """\
2026-01-01 10:00:00,001 42 INFO db odoo.modules.loading: loading prm_partner
2026-01-01 10:00:00,002 42 WARNING db odoo.addons.prm_partner.models.x: bad thing
Traceback (most recent call last):
  File "x.py", line 1
2026-01-01 10:00:00,003 42 ERROR db odoo.sql_db: bad query
2026-01-01 10:00:00,004 42 WARNING db odoo.mail: No outgoing mail server
2026-01-01 10:00:00,005 42 INFO db odoo.modules.loading: done
"""


def test_warning_and_error_records_are_reported_with_their_traceback():
    ignore = [checklog.re.compile(r"odoo.mail: No outgoing mail server")]
    found = list(checklog.bad_records(LOG.splitlines(True), ignore))
    assert [r[0].split(" ")[3] for r in found] == ["WARNING", "ERROR"]
    assert found[0][1] == "Traceback (most recent call last):"
    assert len(found[1]) == 1


def test_ignored_patterns_are_tolerated_and_info_never_counts():
    found = list(checklog.bad_records(LOG.splitlines(True), []))
    assert len(found) == 3


@pytest.mark.parametrize(
    "content, code", [(LOG, 1), ("2026-01-01 10:00:00,001 1 INFO db x: ok\n", 0)]
)
def test_main_exit_code(tmp_path, content, code):
    log = tmp_path / "install.log"
    log.write_text(content)
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# comment\n\n")
    assert checklog.main(["checklog", str(log), str(ignore)]) == code


def test_project_ignore_list_is_short_and_every_entry_compiles():
    patterns = checklog.load_patterns(SETUP / "checklog-ignore.txt")
    assert len(patterns) <= 10


def _junit(path, cases):
    suite = ET.Element("testsuite", errors="0", failures="0")
    for name, outcome in cases:
        case = ET.SubElement(suite, "testcase", name=name)
        if outcome != "passed":
            ET.SubElement(case, outcome)
    ET.ElementTree(ET.Element("testsuites")).getroot().append(suite)
    tree = ET.ElementTree(suite)
    tree.write(path)


def test_summary_counts_every_report(tmp_path):
    _junit(tmp_path / "a.xml", [("a", "passed"), ("b", "failure"), ("c", "skipped")])
    _junit(tmp_path / "b.xml", [("d", "passed"), ("e", "error")])
    assert summary.count(tmp_path) == (2, 2, 1)


def test_summary_counts_collection_errors_as_failures(tmp_path):
    (tmp_path / "c.xml").write_text(
        '<testsuite errors="1" failures="0" tests="0"></testsuite>'
    )
    assert summary.count(tmp_path) == (0, 1, 0)
