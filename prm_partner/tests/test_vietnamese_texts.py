# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.prm_partner.logic import tier_rules

from .common import PrmPartnerCase

TEMPLATE = """<div>
    <p>
        Giữa <strong t-out="object.company_id.name">Nhà cung cấp</strong> và
        <strong t-out="object.partner_id.name">Đối tác</strong><t
        t-if="object.partner_id.vat"> (mã số thuế
        <t t-out="object.partner_id.vat"/>)</t>.
    </p>
    <p>Từ ngày <t t-out="object.date_start"/> đến ngày <t t-out="object.date_end"/>,
        báo trước <t t-out="object.notice_days"/> ngày.</p>
</div>"""


@tagged("post_install", "-at_install")
class TestVietnameseTexts(PrmPartnerCase):
    """Agreements and mails read as the partner reads: in the partner's
    language, dates and amounts formatted, no dangling labels of empty fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.template = cls.env["prm.agreement.template"].create(
            {"name": "Điều khoản", "type_id": cls.agreement_type.id, "body": TEMPLATE}
        )
        cls.partner_vn = cls._prm_partner("Công ty Sông Hàn", lang="vi_VN")

    def _agreement(self, partner, **values):
        vals = {
            "partner_id": partner.id,
            "type_id": self.agreement_type.id,
            "template_id": self.template.id,
            "date_start": date(2026, 1, 2),
            "date_end": date(2026, 12, 31),
            "notice_days": 30,
        }
        vals.update(values)
        return self.env["prm.agreement"].with_user(self.manager).create(vals)

    def test_partner_without_tax_id_gets_no_empty_label(self):
        body = self._agreement(self.partner_vn).body
        self.assertIn("Công ty Sông Hàn</strong>.", body)
        self.assertNotIn("mã số thuế", body)
        self.assertNotIn(" -", body)

    def test_partner_with_tax_id_gets_the_sentence(self):
        self.partner_vn.vat = "0401234567"
        body = " ".join(self._agreement(self.partner_vn).body.split())
        self.assertIn("(mã số thuế 0401234567).", body)

    def test_dates_in_the_partners_language(self):
        body = " ".join(self._agreement(self.partner_vn).body.split())
        self.assertIn("Từ ngày 02/01/2026 đến ngày 31/12/2026", body)
        self.assertNotIn("2026-01-02", body)
        english = self._prm_partner("Lion City Systems", lang="en_US")
        self.assertIn("01/02/2026", self._agreement(english).body)

    def test_body_in_the_partners_language(self):
        template = self.env["prm.agreement.template"].create(
            {
                "name": "Terms",
                "type_id": self.agreement_type.id,
                "body": '<p>Agreement with <t t-out="object.partner_id.name"/></p>',
            }
        )
        template.with_context(
            lang="vi_VN"
        ).body = '<p>Hợp đồng với <t t-out="object.partner_id.name"/></p>'
        agreement = self._agreement(self.partner_vn, template_id=template.id)
        self.assertEqual(agreement.body, "<p>Hợp đồng với Công ty Sông Hàn</p>")

    @freeze_time("2026-12-05")
    def test_reminder_mail_formats_the_end_date(self):
        agreement = self._agreement(self.partner_vn)
        agreement.action_sign("Lê Hoàng Nam")
        agreement._prm_send_reminders()
        message = agreement.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
            and "31/12/2026" in (m.subject or "")
        )
        self.assertEqual(len(message), 1, agreement.message_ids.mapped("subject"))
        self.assertIn("31/12/2026", message.body)
        self.assertNotIn("2026-12-31", message.body + message.subject)
        # the partner manager's to-do, in the manager's language (en_US)
        summary = agreement.activity_ids.summary
        self.assertIn("12/31/2026", summary)
        self.assertNotIn("2026-12-31", summary)

    def test_demotion_warning_mail_formats_the_date(self):
        partner = self._prm_partner(
            "Công ty Thăng Long",
            lang="vi_VN",
            prm_tier_id=self.tier_gold.id,
        )
        partner.prm_tier_demotion_date = date(2026, 6, 30)
        template = self.env.ref("prm_partner.mail_template_tier_demotion_warning")
        self.assertEqual(template._render_lang(partner.ids)[partner.id], "vi_VN")
        body = template._render_field("body_html", partner.ids, compute_lang=True)
        self.assertIn("30/06/2026", body[partner.id])
        self.assertNotIn("2026-06-30", body[partner.id])

    def test_certification_mail_subject_formats_the_date(self):
        contact = self.env["res.partner"].create(
            {"name": "Lê Hoàng Nam", "parent_id": self.partner_vn.id, "lang": "vi_VN"}
        )
        certification = self.env["prm.certification"].create(
            {
                "partner_id": self.partner_vn.id,
                "contact_id": contact.id,
                "type_id": self.cert_type.id,
                "issue_date": date(2026, 1, 15),
            }
        )
        template = self.env.ref("prm_partner.mail_template_certification_expiring")
        subject = template._render_field(
            "subject", certification.ids, compute_lang=True
        )[certification.id]
        self.assertIn("15/01/2027", subject)
        self.assertNotIn("2027-01-15", subject)

    def test_tier_criteria_and_reasons_read_in_vietnamese(self):
        Partner = self.env["res.partner"].with_user(self.user)
        labels = Partner.with_context(lang="vi_VN")._prm_criterion_labels()
        self.assertEqual(labels["revenue"], "Doanh thu được ghi nhận")
        self.assertEqual(
            Partner.with_context(lang="en_US")._prm_criterion_labels()["revenue"],
            "Attributed revenue",
        )
        locked = tier_rules.Decision(
            tier_rules.LOCKED, None, None, "any English text", code=tier_rules.BY_LOCK
        )
        self.assertEqual(
            Partner.with_context(lang="vi_VN")._prm_decision_reason(locked),
            "Hạng đã được quản lý khóa",
        )
