# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PrmPartnerCase

PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestAgreement(PrmPartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._prm_partner("Công ty Sao Việt")
        cls.template = cls.env["prm.agreement.template"].create(
            {
                "name": "Reseller terms",
                "type_id": cls.agreement_type.id,
                "body": '<p>Agreement with <t t-out="object.partner_id.name"/></p>',
            }
        )

    def _agreement(self, **values):
        vals = {
            "partner_id": self.partner.id,
            "type_id": self.agreement_type.id,
            "date_start": date(2026, 1, 1),
            "date_end": date(2026, 12, 31),
            "notice_days": 30,
        }
        vals.update(values)
        return self.env["prm.agreement"].create(vals)

    def test_sequence_and_rendering(self):
        agreement = self._agreement(template_id=self.template.id)
        other = self._agreement()
        self.assertTrue(agreement.name.startswith("AGR/"))
        self.assertNotEqual(agreement.name, other.name)
        self.assertIn("Công ty Sao Việt", agreement.body)

    @freeze_time("2026-02-01")
    def test_sign_in_backend(self):
        agreement = self._agreement()
        agreement.action_send()
        self.assertEqual(agreement.state, "sent")
        wizard = self.env["prm.agreement.sign.wizard"].create(
            {
                "agreement_id": agreement.id,
                "signer_name": "Lê Thu Hà",
                "signature": PIXEL,
            }
        )
        wizard.action_sign()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement.signer_name, "Lê Thu Hà")
        self.assertTrue(agreement.signed_on)
        self.assertTrue(agreement.signature)
        with self.assertRaises(UserError):
            agreement.action_sign("Again")

    @freeze_time("2025-12-01")
    def test_sign_before_start_is_signed_then_activated_by_cron(self):
        agreement = self._agreement()
        agreement.action_sign("Lê Thu Hà")
        self.assertEqual(agreement.state, "signed")
        self.env["prm.agreement"]._cron_daily(today=date(2026, 1, 1))
        self.assertEqual(agreement.state, "active")

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError):
            self._agreement(date_end=date(2025, 12, 1))

    def test_cron_reminds_then_renews(self):
        agreement = self._agreement(auto_renew=True, renewal_months=12)
        agreement.action_sign("Lê Thu Hà")
        Agreement = self.env["prm.agreement"]
        with freeze_time("2026-11-30"):
            result = Agreement._cron_daily()
            self.assertNotIn(agreement, result["remind"])
        with freeze_time("2026-12-01"):
            result = Agreement._cron_daily()
            self.assertIn(agreement, result["remind"])
            self.assertTrue(agreement.reminder_sent)
            self.assertTrue(agreement.activity_ids)
            self.assertNotIn(agreement, Agreement._cron_daily()["remind"])
        with freeze_time("2027-01-01"):
            Agreement._cron_daily()
        self.assertEqual(agreement.state, "renewed")
        successor = agreement.successor_id
        self.assertTrue(successor)
        self.assertEqual(successor.predecessor_id, agreement)
        self.assertEqual(successor.state, "active")
        self.assertEqual(successor.date_start, date(2027, 1, 1))
        self.assertEqual(successor.date_end, date(2027, 12, 31))
        self.assertFalse(successor.reminder_sent)
        self.assertNotEqual(successor.name, agreement.name)

    def test_cron_expires_without_auto_renewal(self):
        agreement = self._agreement()
        agreement.action_sign("Lê Thu Hà")
        with freeze_time("2026-12-31"):
            self.env["prm.agreement"]._cron_daily()
            self.assertEqual(agreement.state, "active")
        with freeze_time("2027-01-01"):
            self.env["prm.agreement"]._cron_daily()
            self.assertEqual(agreement.state, "expired")
            self.assertFalse(agreement.successor_id)

    def test_only_draft_can_be_deleted(self):
        agreement = self._agreement()
        agreement.action_sign("Lê Thu Hà")
        with self.assertRaises(UserError):
            agreement.unlink()

    def test_pdf_report_renders(self):
        agreement = self._agreement(template_id=self.template.id)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "prm_partner.action_report_prm_agreement", agreement.ids
        )[0]
        self.assertIn(agreement.name, html.decode())
        self.assertIn("Công ty Sao Việt", html.decode())
