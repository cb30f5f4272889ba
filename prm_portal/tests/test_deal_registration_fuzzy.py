# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Similar company names found by trigram similarity in the database:
warnings with their reason, never a claim on the customer."""

from odoo.tests import TransactionCase, tagged

from .common import PrmPortalCommon

# (name on the lead, name on the registration, same company?)
LABELLED = [
    ("Sao Mai Steel Co., Ltd", "Công ty TNHH Thép Sao Mai", True),
    ("Trrường Sơn JSC", "Công ty Cổ phần Trường Sơn", True),
    ("Minhphat Technology", "CTCP Công nghệ Minh Phát", True),
    ("Hoa Binh Construction Company Limited", "Cty TNHH Xây dựng Hoà Bình", True),
    ("Phu Thinh Pharma JSC", "CTCP Dược phẩm Phú Thinh", True),
    ("Tan Cang Logistics", "Công ty TNHH MTV Vận tải Tân Cảng", True),
    ("Bao Long Foods", "Công ty Thực phẩm Bảo Lonng", True),
    ("Thien Long Travel Co.,Ltd.", "Cty Du lịch Thiên Long", True),
    ("Viet Tien Investment JSC", "Công ty Cổ phần Đầu tư Việt Tiếnn", True),
    ("Hai Dang Services", "Công ty TNHH Dịch vụ Hải Đăng Việt Nam", True),
    ("Thành Nam Co., Ltd", "Công ty TNHH Thành Công", False),
    ("Minh Long Technology", "CTCP Công nghệ Minh Phát", False),
    ("Vietnam Trading JSC", "Công ty TNHH Thương mại Việt Nam", False),
    ("Sao Việt Steel", "Công ty TNHH Thép Sao Mai", False),
    ("Kim Long Foods", "Công ty Thực phẩm Kim Cương", False),
    ("Trường Thành JSC", "Công ty Cổ phần Trường Sơn", False),
    ("Đông Nam Logistics", "Công ty Vận tải Đông Á", False),
    ("Phương Nam Travel", "Cty Du lịch Phương Đông", False),
    ("An Phát Services", "Công ty Dịch vụ An Khang", False),
    ("Lạc Việt Investment", "CTCP Đầu tư Lạc Hồng", False),
]


@tagged("post_install", "-at_install")
class TestDealRegistrationFuzzy(PrmPortalCommon, TransactionCase):
    @classmethod
    def _anonymous(cls, name, **values):
        """A registration that shares no exact key but its name."""
        values.setdefault("customer_vat", False)
        values.setdefault("customer_email", "someone@gmail.com")
        values.setdefault("customer_phone", False)
        return cls._registration(customer_name=name, **values)

    def _lead(self, partner_name):
        return self.env["crm.lead"].create(
            {"name": f"Lead {partner_name}", "partner_name": partner_name}
        )

    def test_cross_language_name_warns_with_its_reason(self):
        lead = self._lead("Anh Duong Trading Co., Ltd")
        self.assertEqual(lead.prm_key_name_fuzzy, "anh duong")
        reg = self._anonymous("Công ty TNHH Thương mại Ánh Dương")
        line = reg.conflict_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.lead_id, lead)
        self.assertEqual(line.reason, "fuzzy_name")
        self.assertEqual(line.reasons, "Similar company name")
        self.assertEqual(line.similarity, 1.0)
        self.assertEqual(
            line.explanation,
            "name 1.00: 'Công ty TNHH Thương mại Ánh Dương' ~ "
            "'Anh Duong Trading Co., Ltd'",
        )
        self.assertEqual(line.severity, "low")
        # a warning: the registration is not put under review for it
        self.assertEqual(reg.state, "submitted")
        self.assertTrue(reg.claim_active)

    def test_typo_scores_below_one(self):
        self._lead("Trrường Sơn JSC")
        reg = self._anonymous("Công ty Cổ phần Trường Sơn")
        line = reg.conflict_ids
        self.assertEqual(line.reason, "fuzzy_name")
        self.assertLess(line.similarity, 1.0)
        self.assertGreater(line.similarity, 0.6)
        self.assertIn("~ 'Trrường Sơn JSC'", line.explanation)

    def test_exact_match_is_not_repeated_as_a_similar_name(self):
        lead = self._lead("ANH DUONG Co., Ltd")
        reg = self._anonymous("Công ty TNHH Ánh Dương")
        self.assertEqual(reg.conflict_ids.lead_id, lead)
        self.assertEqual(reg.conflict_ids.reason, "name")
        self.assertEqual(reg.conflict_ids.explanation, "Same company name: anhduong")
        self.assertEqual(reg.state, "under_review")

    def test_threshold_comes_from_the_settings(self):
        self._lead("Ánh Dương Xanh")
        reg = self._anonymous("Công ty TNHH Ánh Dương")
        self.assertEqual(reg.conflict_ids.reason, "fuzzy_name")
        # settings are an administrator's
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.prm_conflict_name_similarity, 0.6)
        settings.prm_conflict_name_similarity = 0.9
        settings.execute()
        reg.with_user(self.reviewer).action_recheck_conflicts()
        self.assertFalse(reg.conflict_ids)

    def test_similar_name_never_holds_the_customer(self):
        first = self._anonymous("Công ty TNHH Thép Sao Mai")
        second = self._anonymous("Sao Mai Steel Co., Ltd", partner=self.partner_b)
        self.assertTrue(first.claim_active)
        self.assertTrue(second.claim_active)
        line = second.conflict_ids
        self.assertEqual(line.other_registration_id, first)
        self.assertEqual(line.reason, "fuzzy_name")
        self.assertEqual(second.state, "submitted")

    def test_trade_words_are_data_a_manager_extends(self):
        Term = self.env["prm.conflict.term"].with_user(self.manager)
        self.assertTrue(Term.search_count([("canonical", "=", "steel")]) >= 2)
        Term.create({"word": "Cơ khí", "canonical": "mechanical", "language": "vi"})
        lead = self._lead("Công ty Cơ khí Đại Phát")
        self.assertEqual(lead.prm_key_name_fuzzy, "dai phat")

    def test_labelled_set_on_the_database(self):
        leads = {name: self._lead(name) for name, _reg, _same in LABELLED}
        hits = misses = alarms = 0
        negatives = sum(1 for case in LABELLED if not case[2])
        for lead_name, reg_name, same in LABELLED:
            reg = self._anonymous(reg_name)
            found = leads[lead_name] in reg.conflict_ids.lead_id
            if same:
                hits += found
                misses += not found
            else:
                alarms += found
        self.assertGreaterEqual(hits / (hits + misses), 0.95)
        self.assertLessEqual(alarms / negatives, 0.02)
