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

    def test_enroll_each_contact_once(self):
        """A contact listed twice, or already following the program, gets one
        open enrollment (the database refuses a second one)."""
        Enrollment = self.env["prm.training.enrollment"]
        other = self.other_portal_user.partner_id
        first = Enrollment._prm_enroll(self.program, self.contact + self.contact)
        self.assertEqual(first.contact_id, self.contact)
        self.assertEqual(len(first), 1)
        second = Enrollment._prm_enroll(self.program, other + self.contact + other)
        self.assertEqual(second.contact_id, other)
        self.assertEqual(len(second), 1)
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
            "prm_partner.prm_partner_type_distributor"
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

    def test_tier_evaluation_button_enrolls(self):
        """Promotions of the tier evaluation enroll like a manual change."""
        gold_program = self._gold_program()
        self.company_partner.write({"prm_stage": "active"})
        self.assertFalse(self._enrollments(program=gold_program))
        # tiers without criteria: the evaluation promotes to the highest one
        self.company_partner.with_user(self.manager).action_prm_evaluate_tier()
        self.assertEqual(self.company_partner.prm_tier_id, self.tier_gold)
        enrollment = self._enrollments(program=gold_program)
        self.assertEqual(len(enrollment), 1)
        self.assertEqual(enrollment.reason, "auto")

    def test_tier_evaluation_cron_enrolls(self):
        gold_program = self._gold_program()
        self.company_partner.write({"prm_stage": "active"})
        other_contact = self.other_portal_user.partner_id
        self.env["res.partner"]._cron_evaluate_tiers()
        self.assertEqual(self.company_partner.prm_tier_id, self.tier_gold)
        self.assertEqual(self.other_partner.prm_tier_id, self.tier_gold)
        self.assertEqual(len(self._enrollments(program=gold_program)), 1)
        self.assertEqual(
            len(self._enrollments(contact=other_contact, program=gold_program)), 1
        )
        # a second run changes no tier and enrolls nobody again
        self.env["res.partner"]._cron_evaluate_tiers()
        self.assertEqual(
            len(
                self.env["prm.training.enrollment"].search(
                    [("program_id", "=", gold_program.id)]
                )
            ),
            2,
        )

    def _gold_program(self):
        return self.env["prm.training.program"].create(
            {
                "name": "Gold Program T",
                "certification_type_id": self.cert_type.id,
                "tier_ids": [Command.link(self.tier_gold.id)],
                "enroll_stage": "active",
                "course_line_ids": [Command.create({"channel_id": self.course_2.id})],
            }
        )

    def test_batch_auto_enrollment_query_count(self):
        """Enrolling the contacts of 20 partners costs the queries of one."""
        self.program.survey_id = self._create_exam()
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch Co {index}",
                    "is_company": True,
                    "prm_is_partner": True,
                    "prm_stage": "applicant",
                }
                for index in range(43)
            ]
        )
        users = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"Batch Contact {index}",
                        "login": f"prm_training_batch_{index}",
                        "email": f"batch{index}@batch-co.example.com",
                        "groups_id": [
                            Command.set(self.env.ref("base.group_portal").ids)
                        ],
                    }
                    for index in range(43)
                ]
            )
        )
        for partner, user in zip(partners, users, strict=True):
            user.partner_id.parent_id = partner
        Enrollment = self.env["prm.training.enrollment"]

        def count(records, stage, **context):
            return self._prm_query_count(
                records.with_context(**context).write, {"prm_stage": stage}
            )

        # what prm_partner itself costs, without training enrollment
        base_one = count(partners[:1], "onboarding", prm_training_no_auto_enroll=True)
        base_twenty = count(
            partners[1:21], "onboarding", prm_training_no_auto_enroll=True
        )
        self.assertFalse(Enrollment.search([("partner_id", "in", partners[:21].ids)]))
        # a first enrollment fills the caches (templates, access rights)
        count(partners[21:22], "onboarding")
        one = count(partners[22:23], "onboarding")
        # the training part costs the same queries for 1 or 20 partners (a
        # query per enrollment would add 19 or more; 2 cover prefetch splits)
        self.env.invalidate_all()
        with self.assertQueryCount(base_twenty + one - base_one + 2):
            partners[23:].write({"prm_stage": "onboarding"})
        enrollments = Enrollment.search([("partner_id", "in", partners[22:].ids)])
        self.assertEqual(len(enrollments), 21)
        self.assertEqual(enrollments.contact_id, users[22:].partner_id)
        # every contact got their own exam invitation
        answers = enrollments.survey_answer_id
        self.assertEqual(len(answers), 21)
        self.assertEqual(answers.partner_id, users[22:].partner_id)
