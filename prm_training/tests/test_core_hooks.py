# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own eLearning and survey users keep their rights with the suite.

Course and survey hooks refresh the training enrollments as superuser:
portal attendees, eLearning officers and survey users who are in no PRM
group complete courses, manage attendees and close answers as before.
"""

import re

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PrmTrainingCase


@tagged("post_install", "-at_install")
class TestTrainingHooksForOdooUsers(PrmTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls._prm_new_user(
            "employee",
            login="prm_training_officer",
            groups="website_slides.group_website_slides_officer",
        )
        cls.survey_user = cls._prm_new_user(
            "employee",
            login="prm_training_survey_user",
            groups="survey.group_survey_user",
        )

    def test_portal_attendee_completes_course(self):
        enrollment = self._enroll()
        self._complete_course(self.course_1)
        self.assertEqual(enrollment.courses_done, 1)
        with self.assertRaises(AccessError):
            enrollment.with_user(self.officer).read(["progress"])

    def test_portal_attendee_joins_public_course_of_program(self):
        """Joining from the website as the portal user, as /slides/channel/join
        does for a course open to everyone, then completing it."""
        open_course = self._create_course("Open Course T")
        open_course.write({"visibility": "public", "enroll": "public"})
        self.program.course_line_ids = [
            Command.create({"channel_id": open_course.id, "sequence": 3})
        ]
        self.env.invalidate_all()
        course = open_course.with_user(self.portal_user)
        self.assertTrue(course._action_add_members(self.portal_user.partner_id))
        self.assertIn(self.contact, open_course.partner_ids)
        enrollment = self._enroll()
        self.assertEqual(enrollment.courses_done, 0)
        self._complete_course(open_course)
        self.assertEqual(enrollment.courses_done, 1)

    def test_elearning_officer_manages_attendees_and_completion(self):
        enrollment = self._enroll()
        self.course_1.user_id = self.officer
        course = self.course_1.with_user(self.officer)
        course.write({"description": "<p>Updated by the officer</p>"})
        colleague = self._colleague()
        course._action_add_members(colleague.partner_id)
        self.assertIn(colleague.partner_id, course.partner_ids)
        # the officer marks the lessons done for the attendee
        memberships = (
            self.env["slide.channel.partner"]
            .with_user(self.officer)
            .search(
                [
                    ("channel_id", "=", course.id),
                    ("partner_id", "=", self.contact.id),
                ]
            )
        )
        self.assertTrue(memberships)
        course.slide_ids.with_user(self.portal_user).action_mark_completed()
        memberships.invalidate_recordset()
        self.assertEqual(memberships.member_status, "completed")
        self.assertEqual(enrollment.courses_done, 1)
        new_course = (
            self.env["slide.channel"]
            .with_user(self.officer)
            .create({"name": "Officer course T", "channel_type": "training"})
        )
        new_course.visibility = "public"
        self.assertEqual(new_course.user_id, self.officer)

    def test_forms_open_for_users_without_prm_groups(self):
        for user, records in (
            (self.officer, self.course_1 | self.library),
            (self.officer, self.company_partner),
            (self.survey_user, self._create_exam()),
        ):
            for record in records:
                record = record.with_user(user)
                views = record.get_views([(False, "form"), (False, "list")])
                for view in views["views"].values():
                    names = set(re.findall(r'<field name="(\w+)"', view["arch"]))
                    names &= set(record._fields)
                    values = record.web_read({name: {} for name in names})
                    self.assertEqual(values[0]["id"], record.id)


@tagged("post_install", "-at_install")
class TestPortalContactTakesExam(PrmTrainingCase, HttpCase):
    def test_portal_contact_passes_exam_through_the_website(self):
        survey = self._create_exam()
        self.program.survey_id = survey
        enrollment = self._enroll()
        self._complete_course(self.course_1)
        self._complete_course(self.course_2)
        answer = enrollment.sudo().survey_answer_id
        self.assertEqual(answer.state, "new")
        question = survey.question_ids[:1]
        choice = question.suggested_answer_ids.filtered("is_correct")[:1]

        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open(f"/survey/{survey.access_token}/{answer.access_token}")
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'csrf_token.+value="([a-f0-9]{40}o[0-9]*)"', page.text)[1]
        base = survey.get_base_url()
        self.opener.post(
            f"{base}/survey/begin/{survey.access_token}/{answer.access_token}",
            json={},
        ).raise_for_status()
        self.opener.post(
            f"{base}/survey/submit/{survey.access_token}/{answer.access_token}",
            json={
                "params": {
                    str(question.id): str(choice.id),
                    "question_id": question.id,
                    "csrf_token": csrf,
                    "token": answer.access_token,
                    "button_submit": "next",
                }
            },
        ).raise_for_status()

        self.assertEqual(answer.state, "done")
        self.assertTrue(answer.scoring_success)
        self.assertTrue(enrollment.survey_passed)
        self.assertEqual(enrollment.state, "completed")
        self.assertTrue(enrollment.certification_id)
