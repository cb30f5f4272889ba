# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import PrmTrainingCase


@tagged("post_install", "-at_install")
class TestPrmTrainingAccess(PrmTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enrollment = cls.env["prm.training.enrollment"]._prm_enroll(
            cls.program, cls.contact
        )
        cls.other_enrollment = cls.env["prm.training.enrollment"]._prm_enroll(
            cls.program, cls.other_portal_user.partner_id
        )

    def test_portal_reads_own_company_enrollments_only(self):
        Enrollment = self.env["prm.training.enrollment"].with_user(self.portal_user)
        self.assertEqual(Enrollment.search([]), self.enrollment)
        self.assertEqual(self.enrollment.with_user(self.portal_user).progress, 0.0)
        with self.assertRaises(AccessError):
            self.other_enrollment.with_user(self.portal_user).read(["progress"])
        with self.assertRaises(AccessError):
            self.enrollment.with_user(self.portal_user).write({"progress": 100})
        with self.assertRaises(AccessError):
            Enrollment.create(
                {"program_id": self.program.id, "contact_id": self.contact.id}
            )

    def test_portal_cannot_edit_programs(self):
        program = self.program.with_user(self.portal_user)
        self.assertEqual(program.name, "Sales Associate T")
        with self.assertRaises(AccessError):
            program.write({"name": "Hacked"})

    def test_sales_library_visible_to_enrolled_only(self):
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider T",
                "login": "prm_training_outsider",
                "email": "outsider@example.com",
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        Channel = self.env["slide.channel"]
        self.assertIn(self.library, Channel.with_user(self.portal_user).search([]))
        self.assertNotIn(self.library, Channel.with_user(outsider).search([]))
        with self.assertRaises(AccessError):
            self.library.with_user(outsider).read(["name"])

    def test_exam_link_only_for_its_contact(self):
        self.program.survey_id = self._create_exam()
        owner = self._colleague()
        enrollment = self._enroll(contact=owner.partner_id)
        self.assertTrue(enrollment.survey_url)
        # a colleague of the same partner sees the enrollment, not its token
        as_colleague = enrollment.with_user(self.portal_user)
        self.assertEqual(as_colleague.progress, 0.0)
        for field in ("survey_url", "survey_answer_id"):
            with self.assertRaises(AccessError):
                as_colleague.read([field])
            with self.assertRaises(AccessError):
                self.env["prm.training.enrollment"].with_user(
                    self.portal_user
                ).search_read([("id", "=", enrollment.id)], [field])
        # the portal link is the same for all; it only opens for the contact
        self.assertEqual(
            as_colleague.exam_access_url, f"/my/trainings/exam/{enrollment.id}"
        )
        self.assertFalse(enrollment._prm_exam_start_url(self.portal_user))
        self.assertEqual(
            enrollment._prm_exam_start_url(owner),
            enrollment.survey_answer_id.get_start_url(),
        )
        # the mail carries the portal link, not the answer token
        mail = self.env["mail.mail"].search(
            [("model", "=", enrollment._name), ("res_id", "=", enrollment.id)]
        )
        self.assertIn(enrollment.exam_access_url, mail.body_html)
        self.assertNotIn(enrollment.survey_answer_id.access_token, mail.body_html)
        enrollment.action_cancel()
        self.assertFalse(enrollment._prm_exam_start_url(owner))

    def test_prm_user_reads_but_does_not_manage(self):
        Enrollment = self.env["prm.training.enrollment"].with_user(self.prm_user)
        self.assertEqual(
            Enrollment.search([("id", "in", self.enrollment.ids)]), self.enrollment
        )
        with self.assertRaises(AccessError):
            self.enrollment.with_user(self.prm_user).action_cancel()
        with self.assertRaises(AccessError):
            self.program.with_user(self.prm_user).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["prm.training.enroll.wizard"].with_user(self.prm_user).create(
                {"program_id": self.program.id}
            )

    def test_manager_manages(self):
        self.enrollment.with_user(self.manager).action_cancel()
        self.assertEqual(self.enrollment.state, "cancelled")
        self.program.with_user(self.manager).write({"lead_days": 15})
        self.assertEqual(self.program.lead_days, 15)

    def test_library_closed_after_cancellation(self):
        Channel = self.env["slide.channel"]
        self.assertIn(self.library, Channel.with_user(self.portal_user).search([]))
        self.enrollment.with_user(self.manager).action_cancel()
        self.assertNotIn(self.library, Channel.with_user(self.portal_user).search([]))

    def test_new_library_course_reaches_enrolled_contacts(self):
        faq = self.env["slide.channel"].create(
            {
                "name": "FAQ T",
                "channel_type": "documentation",
                "visibility": "members",
                "enroll": "invite",
                "is_published": True,
            }
        )
        self.assertNotIn(
            faq, self.env["slide.channel"].with_user(self.portal_user).search([])
        )
        self.program.with_user(self.manager).write(
            {"library_channel_ids": [Command.link(faq.id)]}
        )
        self.assertIn(
            faq, self.env["slide.channel"].with_user(self.portal_user).search([])
        )

    def test_library_course_must_be_members_only(self):
        public_faq = self.env["slide.channel"].create(
            {
                "name": "Public FAQ T",
                "channel_type": "documentation",
                "visibility": "public",
                "is_published": True,
            }
        )
        with self.assertRaises(ValidationError):
            self.program.with_user(self.manager).write(
                {"library_channel_ids": [Command.link(public_faq.id)]}
            )
        self.assertNotIn(public_faq, self.program.library_channel_ids)
        # a library course cannot be made public afterwards either
        for visibility in ("public", "connected"):
            with self.assertRaises(ValidationError):
                self.library.write({"visibility": visibility})
        self.assertEqual(self.library.visibility, "members")
        # once out of every library, the course is free again
        self.program.write({"library_channel_ids": [Command.unlink(self.library.id)]})
        self.library.write({"visibility": "public", "enroll": "public"})
        self.assertEqual(self.library.visibility, "public")

    def test_multi_company_isolation(self):
        company_b = self.env["res.company"].create({"name": "Company B T"})
        cert_type_b = self.env["prm.certification.type"].create(
            {"name": "B Cert T", "company_id": company_b.id}
        )
        program_b = self.env["prm.training.program"].create(
            {
                "name": "Program B T",
                "company_id": company_b.id,
                "certification_type_id": cert_type_b.id,
                "course_line_ids": [Command.create({"channel_id": self.course_2.id})],
            }
        )
        enrollment_b = self.env["prm.training.enrollment"]._prm_enroll(
            program_b, self.other_portal_user.partner_id
        )
        self.assertEqual(enrollment_b.company_id, company_b)
        Program = self.env["prm.training.program"].with_user(self.manager)
        self.assertNotIn(program_b, Program.search([]))
        Enrollment = self.env["prm.training.enrollment"].with_user(self.manager)
        self.assertNotIn(enrollment_b, Enrollment.search([]))
        self.assertIn(self.enrollment, Enrollment.search([]))
