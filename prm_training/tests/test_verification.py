# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from .common import PrmTrainingCase


@tagged("post_install", "-at_install")
class TestPrmCertificationVerification(HttpCase, PrmTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date.today()
        Certification = cls.env["prm.certification"]
        cls.valid = Certification.create(
            {
                "partner_id": cls.company_partner.id,
                "contact_id": cls.contact.id,
                "type_id": cls.cert_type.id,
                "issue_date": today - timedelta(days=10),
            }
        )
        cls.expired = Certification.create(
            {
                "partner_id": cls.company_partner.id,
                "contact_id": cls.contact.id,
                "type_id": cls.cert_type.id,
                "issue_date": today - timedelta(days=800),
            }
        )
        cls.revoked = Certification.create(
            {
                "partner_id": cls.company_partner.id,
                "contact_id": cls.contact.id,
                "type_id": cls.cert_type.id,
                "issue_date": today - timedelta(days=10),
            }
        )
        cls.revoked.action_revoke()

    def _verify(self, code):
        response = self.url_open(f"/prm/certification/verify?code={code}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def _assert_status(self, html, status):
        self.assertIn(f'data-status="{status}"', html)
        for other in ("valid", "expired", "revoked", "unknown"):
            if other != status:
                self.assertNotIn(f'data-status="{other}"', html)
        # nothing about the holder leaks
        for secret in ("Portal Contact T", "Reseller Co T", "Sales Certified T"):
            self.assertNotIn(secret, html)

    def test_codes_are_unique_and_well_formed(self):
        codes = (self.valid | self.expired | self.revoked).mapped("verification_code")
        self.assertEqual(len(set(codes)), 3)
        self.assertTrue(all(code.startswith("PRM-") for code in codes))

    def test_valid(self):
        self._assert_status(self._verify(self.valid.verification_code), "valid")

    def test_valid_with_sloppy_typing(self):
        sloppy = self.valid.verification_code.lower().replace("-", " ")
        self._assert_status(self._verify(sloppy), "valid")

    def test_expired(self):
        self.assertEqual(self.expired.state, "expired")
        self._assert_status(self._verify(self.expired.verification_code), "expired")

    def test_revoked(self):
        self._assert_status(self._verify(self.revoked.verification_code), "revoked")

    def test_unknown(self):
        self._assert_status(self._verify("PRM-2222-2222-2222"), "unknown")
        self._assert_status(self._verify("<script>alert(1)</script>"), "unknown")

    def test_path_form_and_empty_page(self):
        response = self.url_open(
            f"/prm/certification/verify/{self.valid.verification_code}"
        )
        self._assert_status(response.text, "valid")
        response = self.url_open("/prm/certification/verify")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("data-status", response.text)

    def test_certificate_pdf_has_code(self):
        report = self.env.ref("prm_training.action_report_certificate")
        html = report._render_qweb_html(report.report_name, self.valid.ids)[0]
        self.assertIn(self.valid.verification_code, html.decode())
        self.assertIn("Portal Contact T", html.decode())
        self.assertIn('src="data:image/png;base64,', html.decode())
