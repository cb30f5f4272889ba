import pytest
from conftest import load_logic

logic = load_logic("prm_training")
P = logic.progress


def test_contact_progress_courses_only():
    result = P.contact_progress([100, 50, 0])
    assert result.courses_total == 3
    assert result.courses_done == 1
    assert result.percent == 50.0


def test_contact_progress_with_survey_counts_one_unit():
    result = P.contact_progress([100, 100], survey_required=True, survey_passed=False)
    assert result.percent == pytest.approx(66.7)
    passed = P.contact_progress([100, 100], survey_required=True, survey_passed=True)
    assert passed.percent == 100.0


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
