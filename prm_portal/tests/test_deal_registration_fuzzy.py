# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Similar company names found by trigram similarity in the database:
warnings with their reason, never a claim on the customer."""

import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from ..logic import conflict
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
    # a typo in the legal form of a name of three words
    ("An Binh Cat Trading JSC", "Cônng ty TNHH Thương mại An Bình Cát", True),
    ("Ha Nam Son Co., Ltd", "Côông ty Cổ phần Hà Nam Sơn", True),
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

    def test_check_is_two_queries_whatever_it_finds(self):
        """The registration's keys, then one statement: the candidates of
        every scope (exact keys, spellings, trigrams of the names) with the
        recent orders of their customers, the similarity threshold set."""
        reg = self._registration(customer_name="Công ty TNHH Thép Sao Mai")
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            self.assertFalse(reg._prm_find_conflicts())
        leads = self._lead("Sao Mai Steel Co., Ltd") | self._lead("Sao Maii JSC")
        leads |= self.env["crm.lead"].create(
            {"name": "Same phone", "phone": "0903 123 456"}
        )
        self.env["res.partner"].create(
            {"name": "CTCP Thép Sao Mai", "is_company": True, "vat": "0101234567"}
        )
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            found = reg._prm_find_conflicts()
        self.assertEqual({item.ref for item in found}, set(leads))
        self.assertEqual(
            [item.reason for item in found], ["phone", "fuzzy_name", "fuzzy_name"]
        )

    def test_similar_names_found_after_the_indexes_are_rebuilt(self):
        lead = self._lead("Sao Mai Steel Co., Ltd")
        self.env["prm.conflict.term"]._prm_rebuild_name_indexes()
        reg = self._anonymous("Công ty TNHH Thép Sao Maii")
        self.assertEqual(reg.conflict_ids.lead_id, lead)

    def test_word_added_is_found_by_the_trigrams_of_the_glued_name(self):
        lead = self._lead("Hoang Long Phat Dat Trading")
        # no spelling in common: the trigram index finds it
        self.assertTrue(
            set(conflict.searched_spellings("hoang long phat")).isdisjoint(
                lead.prm_key_name_typos.split()
            )
        )
        line = self._anonymous("Công ty TNHH Hoàng Long Phát").conflict_ids
        self.assertEqual(line.lead_id, lead)
        self.assertEqual(line.reason, "fuzzy_name")
        self.assertGreaterEqual(line.similarity, 0.6)

    def test_candidate_function_is_planned_once_and_never_compiled(self):
        """A large sale_order lifts the generic plan's cost above
        jit_above_cost: compiled at every call, a check took 1.2 s."""
        self.env.cr.execute(
            "SELECT proconfig FROM pg_proc WHERE proname = 'prm_conflict_candidates'"
        )
        (settings,) = self.env.cr.fetchone()
        self.assertIn("jit=off", settings)
        self.assertIn("plan_cache_mode=force_generic_plan", settings)

    def test_leads_of_no_company_and_of_the_company_are_candidates(self):
        shared = self._lead("Sao Mai Steel Co., Ltd")
        shared.company_id = False
        own = self._lead("Sao Maii JSC")
        own.company_id = self.env.company
        other_company = self.env["res.company"].create({"name": "Other Vendor"})
        other = self._lead("Thép Sao Mai Trading")
        other.company_id = other_company
        reg = self._anonymous("Công ty TNHH Thép Sao Mai")
        self.assertEqual(reg.conflict_ids.lead_id, shared | own)

    def test_name_lookups_are_indexed(self):
        self.env.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'crm_lead'"
        )
        indexes = dict(self.env.cr.fetchall())
        self.assertIn("gin_trgm_ops", indexes["crm_lead_prm_key_name_glued_trgm"])
        self.assertIn("string_to_array", indexes["crm_lead_prm_key_name_typos_gin"])
        # the word trigram index of earlier versions is gone
        self.assertNotIn("crm_lead__prm_key_name_fuzzy_index", indexes)

    def test_short_name_one_typo_apart_is_found_by_its_spellings(self):
        # "an bihn" ~ "an binh": far below the threshold by trigrams
        lead = self._lead("An Binh Logistics")
        self.assertIn("anbinh", lead.prm_key_name_typos.split())
        reg = self._anonymous("Công ty Vận tải An Bihn")
        line = reg.conflict_ids
        self.assertEqual(line.lead_id, lead)
        self.assertEqual(line.reason, "fuzzy_name")
        self.assertLess(line.similarity, 0.6)
        # one distinctive word apart: no common spelling, no warning
        self.assertFalse(self._anonymous("Công ty Vận tải An Khang").conflict_ids)

    def test_trade_word_edit_refreshes_stored_names_by_chunks(self):
        leads = self.env["crm.lead"]
        for number in range(5):
            leads |= self._lead(f"Gạch Hòa Bình {number}A")
        self.assertEqual(leads[0].prm_key_name_fuzzy, "gach hoa binh 0a")
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("prm_portal.name_keys_refresh_chunk", "2")
        cron = self.env.ref("prm_portal.ir_cron_prm_refresh_name_keys")
        before = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.env["prm.conflict.term"].with_user(self.manager).create(
            {"word": "Gạch", "canonical": "bricks", "language": "vi"}
        )
        # edits only schedule the refresh: stored names still the old ones
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            before + 1,
        )
        self.assertEqual(leads[0].prm_key_name_fuzzy, "gach hoa binh 0a")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Term = self.env["prm.conflict.term"].with_context(
            ir_cron_progress_id=progress.id
        )
        # leads before ours are refreshed too: start at our first lead
        params.set_param("prm_portal.name_keys_refresh", f"crm.lead,{leads[0].id - 1}")
        Term._cron_refresh_name_keys()
        self.assertEqual((progress.done, progress.remaining > 0), (2, True))
        leads.invalidate_recordset()
        self.assertEqual(leads[0].prm_key_name_fuzzy, "hoa binh 0a")
        self.assertEqual(leads[2].prm_key_name_fuzzy, "gach hoa binh 2a")
        # a new run resumes after the last chunk done
        self.assertEqual(
            params.get_param("prm_portal.name_keys_refresh"),
            f"crm.lead,{leads[1].id}",
        )
        calls = 0
        while params.get_param("prm_portal.name_keys_refresh") and calls < 10_000:
            Term._cron_refresh_name_keys()
            calls += 1
        self.assertEqual(progress.remaining, 0)
        leads.invalidate_recordset()
        self.assertEqual(
            leads.mapped("prm_key_name_fuzzy"),
            [f"hoa binh {n}a" for n in range(5)],
        )

    def test_migration_releases_claims_whose_new_keys_collide(self):
        first = self._registration(customer_email="info@company.com.vn")
        second = self._registration(
            partner=self.partner_b,
            customer_name="Công ty TNHH Hà Nội Số",
            customer_vat=False,
            customer_phone=False,
            customer_email="sales@hn.company.com.vn",
        )
        self.assertTrue(first.claim_active)
        self.assertFalse(second.claim_active)
        # as stored by the earlier version: the sub-domain was the key
        second.flush_recordset()
        self.env.cr.execute(
            "UPDATE prm_deal_registration SET prm_key_domain = "
            "'hn.company.com.vn', claim_active = TRUE WHERE id = %s",
            [second.id],
        )
        second.invalidate_recordset()
        folder = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0"
        for step in ("pre", "post"):
            spec = importlib.util.spec_from_file_location(
                f"prm_portal_{step}_migration", folder / f"{step}-migration.py"
            )
            script = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(script)
            script.migrate(self.env.cr, "18.0.1.0.0")
            self.env.invalidate_all()
            if step == "pre":
                self.assertTrue(first.claim_active)
                self.assertFalse(second.claim_active)
                # the unique claim indexes hold with the new keys
                second._prm_refresh_keys()
                self.assertEqual(second.prm_key_domain, "company.com.vn")
        self.assertEqual(second.conflict_ids.other_registration_id, first)
        self.assertIn("already holds this customer", second.message_ids[0].body)
