"""Progress arithmetic for one contact in a program, and for a partner."""

from dataclasses import dataclass


def _clamp_percent(value):
    try:
        value = float(value or 0)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, min(100.0, value))


@dataclass(frozen=True)
class ContactProgress:
    courses_total: int
    courses_done: int
    survey_required: bool
    survey_passed: bool
    percent: float


def contact_progress(course_completions, survey_required=False, survey_passed=False):
    """Progress of one contact.

    ``course_completions`` lists the completion percentage (0-100) of every
    course of the program for the contact (0 for a course not started).
    Every course weighs one unit, the certification survey (when the program
    has one) weighs one more unit, counted only once passed.
    """
    completions = [_clamp_percent(c) for c in course_completions]
    total_units = len(completions) + (1 if survey_required else 0)
    done = sum(1 for c in completions if c >= 100.0)
    passed = bool(survey_required and survey_passed)
    if not total_units:
        percent = 0.0
    else:
        earned = sum(completions) + (100.0 if passed else 0.0)
        percent = round(earned / total_units, 1)
    return ContactProgress(
        courses_total=len(completions),
        courses_done=done,
        survey_required=bool(survey_required),
        survey_passed=passed,
        percent=percent,
    )


@dataclass(frozen=True)
class PartnerProgress:
    required_total: int
    required_done: int
    certified_contacts: int
    percent: float


def partner_progress(required_program_ids, done_program_ids, certified_contact_ids):
    """Progress of a partner company.

    A required program is done when at least one contact of the partner holds
    a valid certification from it (``done_program_ids``). ``percent`` is the
    share of required programs done (100 when nothing is required).
    """
    required = set(required_program_ids)
    done = required & set(done_program_ids)
    percent = round(100.0 * len(done) / len(required), 1) if required else 100.0
    return PartnerProgress(
        required_total=len(required),
        required_done=len(done),
        certified_contacts=len(set(certified_contact_ids)),
        percent=percent,
    )
