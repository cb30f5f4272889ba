"""When a training enrollment completes and issues its certification."""

CLOSED_STATES = frozenset({"completed", "cancelled", "expired"})


def is_complete(course_done_flags, survey_required, survey_passed):
    """All courses completed and, when the program has a survey, it is passed.

    A program without any course and without survey is never complete: there
    would be nothing to certify.
    """
    flags = list(course_done_flags)
    if not flags and not survey_required:
        return False
    if not all(flags):
        return False
    return bool(survey_passed) or not survey_required


def should_issue(state, course_done_flags, survey_required, survey_passed, issued):
    """Return True when the certification must be issued now.

    ``issued`` tells whether this enrollment already issued a certification:
    a certification is issued exactly once per enrollment, whatever the
    number of times the completion is re-evaluated.
    """
    if issued or state in CLOSED_STATES:
        return False
    return is_complete(course_done_flags, survey_required, survey_passed)


def passed_survey(attempts, since=None):
    """Whether any attempt counts as passed.

    ``attempts`` is an iterable of (state, scoring_success, end_datetime,
    test_entry) tuples. Only finished, non-test, successful attempts ended
    at or after ``since`` (the enrollment start) count.
    """
    for state, success, ended, test_entry in attempts:
        if state != "done" or not success or test_entry:
            continue
        if since is not None and (ended is None or ended < since):
            continue
        return True
    return False
