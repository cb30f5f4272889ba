# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import PrmTrainingCase


@tagged("post_install", "-at_install")
class TestPrmTrainingRenewal(PrmTrainingCase):
    def _certify(self):
        with freeze_time("2026-03-10"):
            enrollment = self._enroll()
            self._complete_course(self.course_1)
            self._complete_course(self.course_2)
        self.assertEqual(enrollment.state, "completed")
        return enrollment, enrollment.certification_id

    def _run_cron(self, day):
        with freeze_time(day):
            return self.env["prm.training.enrollment"]._cron_prm_renew_certifications()

    def test_expiry_from_type_validity(self):
        __, certification = self._certify()
        self.assertEqual(certification.issue_date, date(2026, 3, 10))
        self.assertEqual(certification.expiry_date, date(2027, 3, 10))

    def test_reenrolled_and_notified_by_lead_time(self):
        enrollment, certification = self._certify()
        # 31 days before expiry: too early
        self.assertFalse(self._run_cron("2027-02-07"))
        self.assertFalse(certification.prm_renewal_enrollment_id)
        # 30 days before expiry (lead time): re-enrolled
        renewal = self._run_cron("2027-02-08")
        self.assertEqual(len(renewal), 1)
        self.assertEqual(renewal.reason, "renewal")
        self.assertEqual(renewal.contact_id, self.contact)
        self.assertEqual(renewal.renewal_of_id, certification)
        self.assertEqual(certification.prm_renewal_enrollment_id, renewal)
        self.assertEqual(renewal.state, "enrolled")
        self.assertEqual(renewal.courses_done, 0)
        # the contact is notified with the expiry reminder
        mail = self.env["mail.mail"].search(
            [("model", "=", "prm.training.enrollment"), ("res_id", "=", renewal.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("expires soon", mail.subject)
        # the old enrollment and certification are untouched
        self.assertEqual(enrollment.state, "completed")
        self.assertIn(certification.state, ("valid", "expiring"))
        # the cron does not re-enroll twice
        self.assertFalse(self._run_cron("2027-02-09"))
        self.assertEqual(
            self.env["prm.training.enrollment"].search_count(
                [("contact_id", "=", self.contact.id)]
            ),
            2,
        )

        # completing the courses again issues a new certification
        with freeze_time("2027-02-20"):
            self._complete_course(self.course_1)
            self._complete_course(self.course_2)
        self.assertEqual(renewal.state, "completed")
        new_certification = renewal.certification_id
        self.assertTrue(new_certification)
        self.assertNotEqual(new_certification, certification)
        self.assertEqual(new_certification.expiry_date, date(2028, 2, 20))

    def test_expired_certification_lowers_counts(self):
        enrollment, certification = self._certify()
        self.company_partner.write({"prm_stage": "active"})
        # a contact holding a valid certification is not enrolled again
        self.assertEqual(
            self.env["prm.training.enrollment"].search(
                [("contact_id", "=", self.contact.id)]
            ),
            enrollment,
        )
        self.company_partner.invalidate_recordset()
        self.assertEqual(self.company_partner.prm_training_certified_count, 1)
        with freeze_time("2027-03-11"):
            self.env["prm.certification"]._cron_update_states()
            self.assertEqual(certification.state, "expired")
            self.company_partner.invalidate_recordset()
            self.assertEqual(self.company_partner.prm_training_certified_count, 0)
            self.assertEqual(self.company_partner.prm_certified_contact_count, 0)
            self.assertEqual(self.company_partner.prm_training_required_done_count, 0)

    def test_missed_cron_still_reenrolls_after_expiry(self):
        __, certification = self._certify()
        renewal = self._run_cron("2027-04-01")
        self.assertEqual(renewal.renewal_of_id, certification)

    def test_renewal_needs_a_new_exam_pass(self):
        exam = self._create_exam()
        self.program.survey_id = exam
        with freeze_time("2026-03-10 10:00:00"):
            enrollment = self._enroll()
            self._complete_course(self.course_1)
            self._complete_course(self.course_2)
            self._answer_exam(exam, correct=True)
        certification = enrollment.certification_id
        self.assertTrue(certification)
        renewal = self._run_cron("2027-02-08")
        self.assertTrue(renewal.survey_answer_id)
        self.assertNotEqual(renewal.survey_answer_id, enrollment.survey_answer_id)
        with freeze_time("2027-02-20 10:00:00"):
            self._complete_course(self.course_1)
            self._complete_course(self.course_2)
        # the exam passed last year does not count for the renewal
        self.assertEqual(renewal.state, "in_progress")
        self.assertFalse(renewal.survey_passed)
        self.assertFalse(renewal.certification_id)
        with freeze_time("2027-02-21 10:00:00"):
            self._answer_exam(exam, correct=True)
        self.assertEqual(renewal.state, "completed")
        self.assertEqual(renewal.certification_id.issue_date, date(2027, 2, 21))

    def test_superseded_certification_not_renewed(self):
        __, certification = self._certify()
        # the contact got a newer certification of the same type meanwhile
        self.env["prm.certification"].create(
            {
                "partner_id": self.company_partner.id,
                "contact_id": self.contact.id,
                "type_id": self.cert_type.id,
                "issue_date": date(2027, 1, 5),
            }
        )
        self.assertFalse(self._run_cron("2027-02-08"))
        self.assertFalse(certification.prm_renewal_enrollment_id)
