# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

from ..logic import completion, progress
from .prm_training_enrollment import OPEN_STATES

#: enrollment field -> attribute of ``logic.progress.ContactProgress``
PROGRESS_FIELDS = {
    "courses_total": "courses_total",
    "courses_done": "courses_done",
    "survey_required": "survey_required",
    "survey_passed": "survey_passed",
    "progress": "percent",
}


class PrmTrainingProgress(models.AbstractModel):
    """Progress of open enrollments, completion and certificate issue.

    Courses (eLearning memberships) and the exam (survey answers) of a batch
    of enrollments are read with one query each, whatever their number; the
    certification of an enrollment is issued once, when it completes.
    """

    _name = "prm.training.progress"
    _description = "Training Progress"

    @api.model
    def _prm_refresh(self, enrollments):
        """Recompute progress of open ``enrollments`` and issue certifications."""
        enrollments = enrollments.sudo().filtered(lambda e: e.state in OPEN_STATES)
        if not enrollments:
            return
        completion_of = self._prm_course_completions(enrollments)
        attempts = self._prm_exam_attempts(enrollments)
        to_issue = enrollments.browse()
        to_write = defaultdict(lambda: enrollments.browse())
        for enrollment in enrollments:
            program = enrollment.program_id
            contact = enrollment.contact_id
            values = [
                completion_of.get((channel.id, contact.id), 0)
                for channel in program.channel_ids
            ]
            survey = program.survey_id
            passed = bool(survey) and completion.passed_survey(
                attempts.get((survey.id, contact.id), []),
                since=enrollment.date_enrolled,
            )
            result = progress.contact_progress(values, bool(survey), passed)
            state = enrollment.state
            if state == "enrolled" and result.percent > 0:
                state = "in_progress"
            written = {
                name: getattr(result, attribute)
                for name, attribute in PROGRESS_FIELDS.items()
            }
            written["state"] = state
            to_write[tuple(written.items())] |= enrollment
            if completion.should_issue(
                enrollment.state,
                [value >= 100 for value in values],
                bool(survey),
                passed,
                issued=bool(enrollment.certification_id),
            ):
                to_issue |= enrollment
        # one write per distinct result, not per enrollment
        for written, records in to_write.items():
            records.write(dict(written))
        if to_issue:
            self._prm_issue_certifications(to_issue)

    @api.model
    def _prm_course_completions(self, enrollments):
        """``(channel id, contact id)`` -> completion (0-100) of the courses."""
        memberships = (
            self.env["slide.channel.partner"]
            .sudo()
            ._read_group(
                [
                    ("channel_id", "in", enrollments.program_id.channel_ids.ids),
                    ("partner_id", "in", enrollments.contact_id.ids),
                ],
                ["channel_id", "partner_id", "member_status"],
                ["completion:max"],
            )
        )
        completion_of = {}
        for channel, partner, status, value in memberships:
            if status == "invited":
                continue
            completion_of[(channel.id, partner.id)] = (
                100 if status == "completed" else value or 0
            )
        return completion_of

    @api.model
    def _prm_exam_attempts(self, enrollments):
        """``(survey id, contact id)`` -> passed attempts at the exams."""
        surveys = enrollments.program_id.survey_id
        attempts = defaultdict(list)
        if not surveys:
            return attempts
        inputs = (
            self.env["survey.user_input"]
            .sudo()
            .search_read(
                [
                    ("survey_id", "in", surveys.ids),
                    ("partner_id", "in", enrollments.contact_id.ids),
                    ("state", "=", "done"),
                    ("scoring_success", "=", True),
                    ("test_entry", "=", False),
                ],
                ["survey_id", "partner_id", "state", "end_datetime"],
            )
        )
        for row in inputs:
            attempts[(row["survey_id"][0], row["partner_id"][0])].append(
                (row["state"], True, row["end_datetime"], False)
            )
        return attempts

    @api.model
    def _prm_issue_certifications(self, enrollments):
        """Issue the certification of completed ``enrollments`` (once each)."""
        today = fields.Date.context_today(self)
        certifications = (
            self.env["prm.certification"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": enrollment.partner_id.id,
                        "contact_id": enrollment.contact_id.id,
                        "type_id": enrollment.program_id.certification_type_id.id,
                        "issue_date": today,
                        "source": "training",
                        "training_enrollment_id": enrollment.id,
                        "company_id": enrollment.company_id.id,
                    }
                    for enrollment in enrollments
                ]
            )
        )
        enrollments.write(
            {"state": "completed", "date_completed": today, "progress": 100.0}
        )
        certifications._prm_queue_certificate_mail()
        return certifications

    @api.model
    def _prm_refresh_for(self, contacts, channels=None, surveys=None):
        """Refresh the open enrollments touched by an eLearning/survey change."""
        domain = [("contact_id", "in", contacts.ids), ("state", "in", OPEN_STATES)]
        if channels is not None:
            domain.append(("program_id.course_line_ids.channel_id", "in", channels.ids))
        if surveys is not None:
            domain.append(("program_id.survey_id", "in", surveys.ids))
        enrollments = self.env["prm.training.enrollment"].sudo().search(domain)
        self._prm_refresh(enrollments)
