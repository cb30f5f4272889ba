# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPartnerApplication(PrmPortalCommon, HttpCase):
    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _form(self, **values):
        form = {
            "company_name": "Delta Integration Co., Ltd",
            "contact_name": "Do Van Delta",
            "email": "delta@delta-integration.example",
            "phone": "0912 345 678",
            "vat": "0104444444",
            "website": "https://delta-integration.example",
            "country_id": str(self.country_vn.id),
            "partner_type": "system_integrator",
            "message": "We integrate ERP systems in Hanoi.",
            "csrf_token": http.Request.csrf_token(self),
        }
        form.update(values)
        return form

    def _applicants(self):
        return self.env["res.partner"].search(
            [("name", "=", "Delta Integration Co., Ltd")]
        )

    def test_public_application_creates_applicant(self):
        self.assertEqual(self.url_open("/partners/apply").status_code, 200)
        response = self.url_open("/partners/apply", data=self._form())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Thank you", response.text)
        company = self._applicants()
        self.assertEqual(company.prm_stage, "applicant")
        self.assertTrue(company.prm_is_partner)
        self.assertEqual(company.prm_partner_type, "system_integrator")
        self.assertEqual(company.child_ids.email, "delta@delta-integration.example")
        self.assertTrue(company.prm_application_ip)
        # one review, for one PRM manager
        self.assertEqual(len(company.activity_ids), 1)
        self.assertTrue(
            company.activity_ids.user_id.has_group("prm_partner.group_prm_manager")
        )

    def test_honeypot_creates_nothing(self):
        response = self.url_open(
            "/partners/apply", data=self._form(company_fax="+1 555 0100")
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._applicants())

    def test_validation_keeps_input(self):
        response = self.url_open(
            "/partners/apply",
            data=self._form(email="nope", website="javascript:alert(1)"),
        )
        self.assertIn("Please enter a valid e-mail address.", response.text)
        self.assertIn("Please enter a web address", response.text)
        self.assertIn('value="Delta Integration Co., Ltd"', response.text)
        self.assertFalse(self._applicants())

    def test_rate_limit(self):
        self.env["ir.config_parameter"].set_param("prm_portal.apply_rate_limit", "2")
        for i in range(2):
            response = self.url_open(
                "/partners/apply", data=self._form(company_name=f"Spam {i}")
            )
            self.assertEqual(response.status_code, 200)
        response = self.url_open(
            "/partners/apply", data=self._form(company_name="Spam 3")
        )
        self.assertEqual(response.status_code, 429)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Spam 3")]))

    def test_approve_application_invites_contact(self):
        self.url_open("/partners/apply", data=self._form())
        company = self._applicants()
        with self.assertRaises(UserError):
            company.with_user(self.reviewer).action_prm_approve_application()
        company.with_user(self.manager).action_prm_approve_application()
        self.assertEqual(company.prm_stage, "onboarding")
        user = company.child_ids.user_ids
        self.assertTrue(user)
        self.assertTrue(user._is_portal())
        with self.assertRaises(UserError):
            company.with_user(self.manager).action_prm_approve_application()
