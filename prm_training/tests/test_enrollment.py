# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PrmTrainingCase


@tagged("post_install", "-at_install")
class TestPrmTrainingEnrollment(PrmTrainingCase):
    def _enrollments(self, contact=None, program=None):
        return self.env["prm.training.enrollment"].search(
            [
                ("contact_id", "=", (contact or self.contact).id),
                ("program_id", "=", (program or self.program).id),
            ]
        )

    def test_stage_change_enrolls_portal_contacts(self):
        self.assertFalse(self._enrollments())
        self.company_partner.write({"prm_stage": "onboarding"})
        enrollment = self._enrollments()
        self.assertEqual(len(enrollment), 1)
        self.assertEqual(enrollment.reason, "auto")
        self.assertEqual(enrollment.state, "enrolled")
        self.assertEqual(enrollment.partner_id, self.company_partner)
        self.assertEqual(enrollment.courses_total, 2)
        # the contact is an attendee of the courses and of the sales library
        members = self.env["slide.channel.partner"].search(
            [("partner_id", "=", self.contact.id), ("member_status", "!=", "invited")]
        )
        self.assertEqual(
            members.channel_id, self.course_1 | self.course_2 | self.library
        )
        # moving on to active does not enroll a second time
        self.company_partner.write({"prm_stage": "active"})
        self.assertEqual(len(self._enrollments()), 1)

    def test_enrollment_mail_sent(self):
        self.company_partner.write({"prm_stage": "onboarding"})
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "prm.training.enrollment"),
                ("res_id", "=", self._enrollments().id),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(self.contact, mail.recipient_ids)
        self.assertIn("Sales Associate T", mail.subject)

    def test_tier_change_enrolls_only_tier_programs(self):
        gold_program = self.env["prm.training.program"].create(
            {
                "name": "Gold Program T",
                "certification_type_id": self.cert_type.id,
                "tier_ids": [Command.link(self.tier_gold.id)],
                "enroll_stage": "active",
                "course_line_ids": [Command.create({"channel_id": self.course_2.id})],
            }
        )
        self.company_partner.write(
            {"prm_stage": "active", "prm_tier_id": self.tier_silver.id}
        )
        self.assertTrue(self._enrollments())
        self.assertFalse(self._enrollments(program=gold_program))
        self.company_partner.write({"prm_tier_id": self.tier_gold.id})
        self.assertEqual(len(self._enrollments(program=gold_program)), 1)

    def test_partner_type_filter_and_blocked_stages(self):
        self.program.partner_type_ids = self.env.ref(
            "prm_training.partner_type_distributor"
        )
        self.company_partner.write({"prm_stage": "onboarding"})
        self.assertFalse(self._enrollments())
        self.program.partner_type_ids = False
        self.company_partner.write({"prm_stage": "suspended"})
        self.assertFalse(self._enrollments())

    def test_auto_enroll_disabled(self):
        self.program.auto_enroll = False
        self.company_partner.write({"prm_stage": "onboarding"})
        self.assertFalse(self._enrollments())

    def test_wizard_invites_contacts_without_portal_user(self):
        newcomer = self.env["res.partner"].create(
            {
                "name": "Newcomer T",
                "parent_id": self.company_partner.id,
                "email": "newcomer@reseller-co.example.com",
            }
        )
        self.assertFalse(newcomer.user_ids)
        wizard = (
            self.env["prm.training.enroll.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "program_id": self.program.id,
                    "partner_ids": [Command.link(self.company_partner.id)],
                }
            )
        )
        self.assertIn(newcomer, wizard.contact_ids)
        self.assertIn(self.contact, wizard.contact_ids)
        wizard.action_enroll()
        self.assertTrue(newcomer.user_ids)
        self.assertTrue(newcomer.user_ids._is_portal())
        self.assertEqual(len(self._enrollments(contact=newcomer)), 1)
        self.assertEqual(len(self._enrollments()), 1)
        # enrolling again through the wizard does not duplicate
        wizard = (
            self.env["prm.training.enroll.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "program_id": self.program.id,
                    "contact_ids": [Command.set(newcomer.ids)],
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_enroll()
        self.assertEqual(len(self._enrollments(contact=newcomer)), 1)

    def test_wizard_requires_email_for_invitation(self):
        nomail = self.env["res.partner"].create(
            {"name": "No Mail T", "parent_id": self.company_partner.id}
        )
        wizard = (
            self.env["prm.training.enroll.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "program_id": self.program.id,
                    "contact_ids": [Command.set(nomail.ids)],
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_enroll()
        self.assertFalse(self._enrollments(contact=nomail))

    def test_enroll_targeted_button(self):
        self.program.with_user(self.manager).action_enroll_targeted()
        # other_partner is active: targeted; company_partner is an applicant
        self.assertEqual(
            len(self._enrollments(contact=self.other_portal_user.partner_id)), 1
        )
        self.assertFalse(self._enrollments())

    def test_batch_auto_enrollment_query_count(self):
        """Stage changes of many partners cost the same queries as one."""
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch Co {index}",
                    "is_company": True,
                    "prm_is_partner": True,
                    "prm_stage": "applicant",
                }
                for index in range(42)
            ]
        )

        def count(records, stage, **context):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.with_context(**context).write({"prm_stage": stage})
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        # what prm_partner itself costs, without training enrollment
        base_one = count(partners[:1], "onboarding", prm_training_no_auto_enroll=True)
        base_twenty = count(
            partners[1:21], "onboarding", prm_training_no_auto_enroll=True
        )
        one = count(partners[21:22], "onboarding")
        twenty = count(partners[22:], "onboarding")
        # the training part adds the same number of queries for 1 or 20
        self.assertLessEqual(twenty - base_twenty, one - base_one + 2)
