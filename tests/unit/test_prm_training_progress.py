import importlib.util
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _load():
    name = "_prm_logic_prm_training"
    if name in sys.modules:
        return sys.modules[name]
    package = ROOT / "prm_training" / "logic"
    spec = importlib.util.spec_from_file_location(
        name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


logic = _load()
P = logic.progress


def test_contact_progress_courses_only():
    result = P.contact_progress([100, 50, 0])
    assert result.courses_total == 3
    assert result.courses_done == 1
    assert result.percent == 50.0
    assert not result.complete


def test_contact_progress_with_survey_counts_one_unit():
    result = P.contact_progress([100, 100], survey_required=True, survey_passed=False)
    assert result.percent == pytest.approx(66.7)
    assert not result.complete
    passed = P.contact_progress([100, 100], survey_required=True, survey_passed=True)
    assert passed.percent == 100.0
    assert passed.complete


def test_survey_passed_ignored_when_not_required():
    result = P.contact_progress([100], survey_required=False, survey_passed=True)
    assert result.survey_passed is False
    assert result.percent == 100.0


def test_contact_progress_clamps_bad_values():
    result = P.contact_progress([150, -20, None, "x"])
    assert result.percent == 25.0
    assert result.courses_done == 1


def test_contact_progress_empty_program():
    result = P.contact_progress([])
    assert result.percent == 0.0
    assert result.courses_total == 0


def test_partner_progress():
    result = P.partner_progress(
        [1, 2, 3, 4], done_program_ids=[2, 4, 9], certified_contact_ids=[5, 5, 6]
    )
    assert result.required_total == 4
    assert result.required_done == 2
    assert result.percent == 50.0
    assert result.certified_contacts == 2


def test_partner_progress_nothing_required():
    result = P.partner_progress([], [], [])
    assert result.percent == 100.0
    assert result.required_total == 0
