import datetime

from conftest import load_logic

logic = load_logic("prm_training")
C = logic.completion


def test_complete_requires_all_courses():
    assert C.is_complete([True, True], False, False)
    assert not C.is_complete([True, False], False, False)


def test_complete_requires_passed_survey_when_any():
    assert not C.is_complete([True], True, False)
    assert C.is_complete([True], True, True)
    assert C.is_complete([], True, True)


def test_empty_program_never_complete():
    assert not C.is_complete([], False, False)


def test_should_issue_exactly_once():
    assert C.should_issue("in_progress", [True], False, False, issued=False)
    assert not C.should_issue("in_progress", [True], False, False, issued=True)
    assert not C.should_issue("completed", [True], False, False, issued=False)
    assert not C.should_issue("cancelled", [True], False, False, issued=False)


def test_failed_survey_does_not_issue():
    assert not C.should_issue("in_progress", [True, True], True, False, issued=False)


def test_passed_survey_filters_attempts():
    start = datetime.datetime(2026, 1, 10, 9, 0)
    before = datetime.datetime(2026, 1, 9)
    after = datetime.datetime(2026, 1, 11)
    assert not C.passed_survey([("done", False, after, False)], since=start)
    assert not C.passed_survey([("in_progress", True, after, False)], since=start)
    assert not C.passed_survey([("done", True, after, True)], since=start)
    assert not C.passed_survey([("done", True, before, False)], since=start)
    assert not C.passed_survey([("done", True, None, False)], since=start)
    assert C.passed_survey(
        [("done", False, after, False), ("done", True, after, False)], since=start
    )
    assert C.passed_survey([("done", True, before, False)])
