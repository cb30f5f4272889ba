"""The demo database tells its story in Vietnamese, in the company's currency."""

from odoo.tests import HttpCase, TransactionCase, tagged


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestVietnameseDemo(TransactionCase):
    def test_vietnamese_is_loaded_with_the_translations(self):
        lang = self.env["res.lang"]._lang_get("vi_VN")
        self.assertTrue(lang.active)
        # apps installed before the suite are translated too
        contacts = self.env.ref("contacts.menu_contacts").with_context(lang="vi_VN")
        self.assertNotEqual(contacts.name, "Contacts")
        root = self.env.ref("prm_partner.menu_prm_root").with_context(lang="vi_VN")
        self.assertEqual(root.name, "Đối tác")

    def test_partner_user_and_contacts_read_vietnamese(self):
        user = self.env["res.users"].search(
            [("login", "=", "partner@prm-demo.example")]
        )
        self.assertEqual(user.lang, "vi_VN")
        sao_mai = self.env.ref("prm_partner.res_partner_sao_mai_demo")
        self.assertEqual(sao_mai.lang, "vi_VN")
        self.assertEqual(set(sao_mai.child_ids.mapped("lang")), {"vi_VN"})

    def test_website_speaks_vietnamese(self):
        website = self.env.ref("website.default_website")
        self.assertIn("vi_VN", website.language_ids.mapped("code"))
        self.assertTrue(self.env.ref("website.header_language_selector").active)

    def test_agreement_texts_hide_empty_fields_and_format_dates(self):
        song_han = self.env.ref("prm_partner.prm_agreement_song_han_demo")
        self.assertFalse(song_han.partner_id.vat)
        self.assertIn("Công ty CP Công nghệ Sông Hàn</strong>.", song_han.body)
        self.assertNotIn("mã số thuế", song_han.body)
        self.assertNotIn("-)", song_han.body)
        start = song_han.date_start.strftime("%d/%m/%Y")
        self.assertIn(f"từ ngày\n        {start}", song_han.body)
        self.assertNotIn(str(song_han.date_start), song_han.body)
        sao_mai = self.env.ref("prm_partner.prm_agreement_sao_mai_demo")
        self.assertIn("(mã số thuế 0109876543)", sao_mai.body)

    def test_amounts_in_the_companys_currency(self):
        """The company prices in US dollars: deals worth tens of thousands,
        in the range of the tier thresholds, not millions."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.currency_id, self.env.ref("base.USD"))
        platinum = self.env.ref("prm_partner.prm_tier_platinum_demo")
        registrations = self.env["prm.deal.registration"].search([])
        leads = self.env["crm.lead"].search([("prm_partner_id", "!=", False)])
        values = registrations.mapped("expected_revenue") + leads.mapped(
            "expected_revenue"
        )
        self.assertTrue(values)
        self.assertLessEqual(max(values), platinum.min_revenue)


@tagged("post_install", "-at_install")
class TestVietnameseWebsite(HttpCase):
    def test_language_switcher_on_the_portal(self):
        self.authenticate("partner@prm-demo.example", "partner")
        page = self.url_open("/my").text
        self.assertIn('lang="vi-VN"', page)
        self.assertIn("js_change_lang", page)
        self.assertIn('data-url_code="en"', page)
