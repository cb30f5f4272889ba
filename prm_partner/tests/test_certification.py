# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestCertification(PrmPartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._prm_partner("Đà Nẵng Systems")

    @freeze_time("2026-01-15")
    def test_expiry_computed_from_type(self):
        cert = self._certify(self.partner, 1, date(2026, 1, 15))
        self.assertEqual(cert.expiry_date, date(2027, 1, 15))
        self.assertEqual(cert.state, "valid")
        self.assertIn("Đà Nẵng Systems contact 0", cert.name)

    def test_cron_moves_to_expiring_then_expired(self):
        with freeze_time("2026-01-15"):
            cert = self._certify(self.partner, 1, date(2026, 1, 15))
        Certification = self.env["prm.certification"]
        with freeze_time("2026-12-15"):
            Certification._cron_update_states()
            self.assertEqual(cert.state, "valid")
        with freeze_time("2026-12-16"):
            changes = Certification._cron_update_states()
            self.assertEqual(cert.state, "expiring")
            self.assertIn(cert, changes["expiring"])
            notice = cert.message_ids.filtered(
                lambda m: m.subject and "expires on" in m.subject
            )
            self.assertEqual(len(notice), 1)
            mail = self.env["mail.mail"].search([("mail_message_id", "=", notice.id)])
            self.assertIn(cert.contact_id, mail.recipient_ids)
            self.assertEqual(self.partner.prm_certified_contact_count, 1)
        with freeze_time("2027-01-15"):
            Certification._cron_update_states()
            self.assertEqual(cert.state, "expired")
            self.partner.invalidate_recordset(["prm_certified_contact_count"])
            self.assertEqual(self.partner.prm_certified_contact_count, 0)

    def test_revoked_stays_revoked(self):
        with freeze_time("2026-01-15"):
            cert = self._certify(self.partner, 1, date(2026, 1, 15))
            cert.action_revoke()
            self.env["prm.certification"]._cron_update_states()
            self.assertEqual(cert.state, "revoked")

    def test_expiry_after_issue(self):
        cert = self._certify(self.partner, 1, date(2026, 1, 15))
        with self.assertRaises(ValidationError):
            cert.expiry_date = date(2026, 1, 1)

    def test_contact_scope_needs_contact(self):
        with self.assertRaises(ValidationError):
            self.env["prm.certification"].create(
                {"partner_id": self.partner.id, "type_id": self.cert_type.id}
            )

    def test_negative_validity_is_refused(self):
        cert = self._certify(self.partner, 1, date(2026, 1, 15))
        # the PRM manager keeps the certification types
        cert_type = self.cert_type.with_user(self.manager)
        with self.assertRaises(ValidationError):
            cert_type.create({"name": "Backwards", "validity_months": -1})
        with self.assertRaises(ValidationError):
            cert_type.validity_months = -6
        self.assertEqual(cert.expiry_date, date(2027, 1, 15))
        # zero means forever; the type's certifications follow
        cert_type.validity_months = 0
        self.assertFalse(cert.expiry_date)

    def test_name_follows_renamed_type_and_contact(self):
        cert = self._certify(self.partner, 1, date(2026, 1, 15))
        self.assertEqual(
            cert.name, "PRM Test Sales Certification - Đà Nẵng Systems contact 0"
        )
        self.env.flush_all()
        self.cert_type.with_user(self.manager).name = "Renamed Certification"
        cert.contact_id.with_user(self.user).name = "Renamed Contact"
        self.env.flush_all()
        cert.invalidate_recordset(["name"])
        self.assertEqual(cert.name, "Renamed Certification - Renamed Contact")
