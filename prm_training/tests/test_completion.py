# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PrmTrainingCase


@tagged("post_install", "-at_install")
class TestPrmTrainingCompletion(PrmTrainingCase):
    def _certifications(self):
        return self.env["prm.certification"].search(
            [("contact_id", "=", self.contact.id), ("source", "=", "training")]
        )

    def test_completing_courses_issues_one_certification(self):
        enrollment = self._enroll()
        self._complete_course(self.course_1)
        self.assertEqual(enrollment.state, "in_progress")
        self.assertEqual(enrollment.courses_done, 1)
        self.assertAlmostEqual(enrollment.progress, 50.0)
        self.assertFalse(self._certifications())

        self._complete_course(self.course_2)
        certification = self._certifications()
        self.assertEqual(len(certification), 1)
        self.assertEqual(enrollment.state, "completed")
        self.assertEqual(enrollment.certification_id, certification)
        self.assertEqual(certification.partner_id, self.company_partner)
        self.assertEqual(certification.type_id, self.cert_type)
        self.assertEqual(certification.training_program_id, self.program)
        self.assertTrue(certification.expiry_date)
        self.assertTrue(certification.verification_code.startswith("PRM-"))
        # the completion mail, with the certificate, goes out in the background
        self.assertTrue(certification.prm_certificate_mail_pending)
        mail_domain = [
            ("model", "=", "prm.certification"),
            ("res_id", "=", certification.id),
        ]
        self.assertFalse(self.env["mail.mail"].search(mail_domain))
        sent = self.env["prm.certification"]._cron_prm_send_certificates()
        self.assertEqual(sent, certification)
        self.assertFalse(certification.prm_certificate_mail_pending)
        mail = self.env["mail.mail"].search(mail_domain)
        self.assertEqual(len(mail), 1)
        self.assertIn(self.contact, mail.recipient_ids)
        self.assertEqual(len(mail.attachment_ids), 1)
        self.assertIn(certification.verification_code, mail.attachment_ids.name)
        # sent once only
        self.assertFalse(self.env["prm.certification"]._cron_prm_send_certificates())

        # recomputing completion again never issues a second certification
        self.env["slide.channel.partner"].search(
            [("partner_id", "=", self.contact.id)]
        )._recompute_completion()
        enrollment._prm_refresh_progress()
        self.env["prm.training.progress"]._prm_refresh_for(self.contact)
        self.assertEqual(len(self._certifications()), 1)

    def test_database_refuses_a_second_certification(self):
        enrollment = self._enroll()
        self._complete_course(self.course_1)
        self._complete_course(self.course_2)
        self.assertTrue(enrollment.certification_id)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["prm.certification"].create(
                    {
                        "partner_id": self.company_partner.id,
                        "contact_id": self.contact.id,
                        "type_id": self.cert_type.id,
                        "source": "training",
                        "training_enrollment_id": enrollment.id,
                    }
                )

    def test_failed_survey_does_not_issue(self):
        exam = self._create_exam()
        self.program.survey_id = exam
        enrollment = self._enroll()
        self.assertTrue(enrollment.survey_answer_id)
        self.assertTrue(enrollment.survey_url)
        self._complete_course(self.course_1)
        self._complete_course(self.course_2)
        self.assertEqual(enrollment.state, "in_progress")
        self.assertAlmostEqual(enrollment.progress, 66.7)

        failed = self._answer_exam(exam, correct=False)
        self.assertFalse(failed.scoring_success)
        self.assertFalse(enrollment.survey_passed)
        self.assertFalse(self._certifications())
        self.assertEqual(enrollment.state, "in_progress")

        passed = self._answer_exam(exam, correct=True)
        self.assertTrue(passed.scoring_success)
        self.assertTrue(enrollment.survey_passed)
        self.assertEqual(len(self._certifications()), 1)
        self.assertEqual(enrollment.state, "completed")

    def test_partner_progress(self):
        self.company_partner.write({"prm_stage": "onboarding"})
        self.assertEqual(self.company_partner.prm_training_required_count, 1)
        self.assertEqual(self.company_partner.prm_training_required_done_count, 0)
        self.assertEqual(self.company_partner.prm_training_progress, 0.0)
        self._complete_course(self.course_1)
        self._complete_course(self.course_2)
        self.company_partner.invalidate_recordset()
        self.assertEqual(self.company_partner.prm_training_required_done_count, 1)
        self.assertEqual(self.company_partner.prm_training_progress, 100.0)
        self.assertEqual(self.company_partner.prm_training_certified_count, 1)

    def test_refresh_query_count_is_constant(self):
        """Refreshing progress of many enrollments does not query per record."""
        contacts = self.env["res.partner"].create(
            [
                {
                    "name": f"Contact {i}",
                    "parent_id": self.other_partner.id,
                    "email": f"contact{i}@other-co.example.com",
                }
                for i in range(10)
            ]
        )
        enrollments = self.env["prm.training.enrollment"]._prm_enroll(
            self.program, contacts
        )
        self.assertEqual(len(enrollments), 10)
        for contact in contacts[:5]:
            self._complete_course(self.course_1, user=contact.user_ids)
        one = self._prm_query_count(enrollments[:1]._prm_refresh_progress)
        self.env.invalidate_all()
        with self.assertQueryCount(one + 2):
            enrollments._prm_refresh_progress()
