# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestTierEvaluation(PrmPartnerCase):
    def _last_history(self, partner):
        return partner.prm_tier_history_ids.sorted("id")[-1:]

    def _selling_partner(self, name, amount, sold_on, won_on):
        """A partner with one sale of ``amount`` and one won deal."""
        partner = self._prm_partner(name)
        self._sell(partner, amount, sold_on)
        self._win(partner, won_on)
        return partner

    def _silver_partner(self, name="Silver Co"):
        return self._selling_partner(name, 1500, date(2026, 3, 1), date(2026, 3, 1))

    @freeze_time("2026-05-01")
    def test_promotion_applies_at_once_with_history_and_pricelist(self):
        partner = self._silver_partner()
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": partner.id}
        )
        partner.action_prm_evaluate_tier()
        self.assertEqual(partner.prm_tier_id, self.tier_silver)
        history = partner.prm_tier_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.change, "promotion")
        self.assertFalse(history.old_tier_id)
        self.assertEqual(history.new_tier_id, self.tier_silver)
        metrics = json.loads(history.metrics)
        self.assertEqual(metrics["revenue"], 1500.0)
        self.assertEqual(metrics["won_deals"], 1)
        partner_c = partner.with_company(self.company)
        contact_c = contact.with_company(self.company)
        self.assertEqual(partner_c.property_product_pricelist, self.pricelist_silver)
        self.assertEqual(contact_c.property_product_pricelist, self.pricelist_silver)
        newcomer = (
            self.env["res.partner"]
            .with_company(self.company)
            .create({"name": "New buyer", "parent_id": partner.id})
        )
        self.assertEqual(newcomer.property_product_pricelist, self.pricelist_silver)

    @freeze_time("2026-05-01")
    def test_revenue_outside_window_does_not_count(self):
        partner = self._selling_partner(
            "Old Sales Co", 9000, date(2025, 1, 1), date(2026, 4, 1)
        )
        partner._prm_evaluate_tiers()
        self.assertEqual(partner.prm_tier_id, self.tier_registered)

    @freeze_time("2026-05-01")
    def test_gold_needs_certified_contacts(self):
        partner = self._selling_partner(
            "Gold Co", 6000, date(2026, 4, 1), date(2026, 4, 1)
        )
        self._certify(partner, 1, date(2026, 1, 1))
        partner._prm_evaluate_tiers()
        self.assertEqual(partner.prm_tier_id, self.tier_silver)
        self._certify(partner, 1, date(2026, 2, 1))
        self.assertEqual(partner.prm_certified_contact_count, 2)
        partner._prm_evaluate_tiers()
        self.assertEqual(partner.prm_tier_id, self.tier_gold)
        self.assertEqual(self._last_history(partner).old_tier_id, self.tier_silver)

    def test_demotion_waits_for_grace_period(self):
        with freeze_time("2026-05-01"):
            partner = self._silver_partner()
            partner._prm_evaluate_tiers()
            self.assertEqual(partner.prm_tier_id, self.tier_silver)
        # A year later the revenue left the window: warning, not demotion.
        with freeze_time("2027-04-01"):
            partner._prm_evaluate_tiers()
            self.assertEqual(partner.prm_tier_id, self.tier_silver)
            self.assertEqual(partner.prm_tier_demotion_date, date(2027, 5, 1))
            self.assertEqual(partner.prm_tier_demotion_target_id, self.tier_registered)
            activity = self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
            )
            self.assertEqual(
                activity.activity_type_id,
                self.env.ref("prm_partner.mail_activity_type_tier_demotion"),
            )
            self.assertEqual(self._last_history(partner).change, "warning")
            warning_mail = partner.message_ids.filtered(
                lambda m: m.subject and "is at risk" in m.subject
            )
            self.assertEqual(len(warning_mail), 1)
            mail = self.env["mail.mail"].search(
                [("mail_message_id", "=", warning_mail.id)]
            )
            self.assertIn(partner, mail.recipient_ids)
        with freeze_time("2027-04-30"):
            partner._prm_evaluate_tiers()
            self.assertEqual(partner.prm_tier_id, self.tier_silver)
        with freeze_time("2027-05-01"):
            partner._prm_evaluate_tiers()
            self.assertEqual(partner.prm_tier_id, self.tier_registered)
            self.assertFalse(partner.prm_tier_demotion_date)
            self.assertEqual(self._last_history(partner).change, "demotion")
            self.assertEqual(self._last_history(partner).old_tier_id, self.tier_silver)

    def test_warning_cancelled_when_criteria_met_again(self):
        with freeze_time("2026-05-01"):
            partner = self._silver_partner()
            partner._prm_evaluate_tiers()
        with freeze_time("2027-04-01"):
            partner._prm_evaluate_tiers()
            self.assertTrue(partner.prm_tier_demotion_date)
            self._sell(partner, 2000, date(2027, 4, 1))
            self._win(partner, date(2027, 4, 1))
            partner._prm_evaluate_tiers()
            self.assertFalse(partner.prm_tier_demotion_date)
            self.assertEqual(partner.prm_tier_id, self.tier_silver)
            activity = self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
            )
            self.assertFalse(activity)

    def test_lock_keeps_tier_until_end_date(self):
        with freeze_time("2026-05-01"):
            partner = self._prm_partner("Strategic Co")
            partner.with_user(self.manager).write(
                {
                    "prm_tier_id": self.tier_gold.id,
                    "prm_tier_locked": True,
                    "prm_tier_lock_until": date(2026, 12, 31),
                    "prm_tier_lock_reason": "Strategic launch partner",
                }
            )
            kinds = partner.prm_tier_history_ids.mapped("change")
            self.assertIn("lock", kinds)
            self.assertIn("manual", kinds)
            partner._prm_evaluate_tiers()
            self.assertEqual(partner.prm_tier_id, self.tier_gold)
        with freeze_time("2027-01-01"):
            self.company.prm_tier_grace_days = 0
            partner._prm_evaluate_tiers()
            self.assertFalse(partner.prm_tier_locked)
            self.assertEqual(partner.prm_tier_id, self.tier_registered)

    def test_manual_tier_change_is_for_managers(self):
        partner = self._prm_partner("Manual Co")
        with self.assertRaises(UserError):
            partner.with_user(self.user).write({"prm_tier_id": self.tier_gold.id})
        partner.with_user(self.manager).write({"prm_tier_id": self.tier_gold.id})
        self.assertEqual(partner.prm_tier_id, self.tier_gold)
        history = self._last_history(partner)
        self.assertEqual((history.change, history.user_id), ("manual", self.manager))
        # other fields stay writable for PRM users
        partner.with_user(self.user).write({"prm_max_open_leads": 5})

    def test_lock_needs_reason_and_manager(self):
        partner = self._prm_partner("Locked Co")
        with self.assertRaises(ValidationError):
            partner.write({"prm_tier_locked": True})
        with self.assertRaises(UserError):
            partner.with_user(self.user).write(
                {"prm_tier_locked": True, "prm_tier_lock_reason": "Because"}
            )

    @freeze_time("2026-05-01")
    def test_preview_applies_nothing(self):
        partner = self._silver_partner()
        wizard = (
            self.env["prm.tier.preview.wizard"]
            .with_user(self.manager)
            .create({"partner_ids": [(6, 0, partner.ids)]})
        )
        wizard.action_preview()
        self.assertEqual(len(wizard.line_ids), 1)
        line = wizard.line_ids
        self.assertEqual(line.action, "promote")
        self.assertEqual(line.new_tier_id, self.tier_silver)
        self.assertIn('"revenue": 1500.0', line.metrics)
        self.assertFalse(partner.prm_tier_id)
        self.assertFalse(partner.prm_tier_history_ids)
        wizard.action_apply()
        self.assertEqual(partner.prm_tier_id, self.tier_silver)

    @freeze_time("2026-05-01")
    def test_history_is_never_deleted(self):
        partner = self._silver_partner()
        partner._prm_evaluate_tiers()
        history = partner.prm_tier_history_ids
        self.assertTrue(history)
        with self.assertRaises(UserError):
            history.unlink()
        with self.assertRaises(UserError):
            history.with_user(self.manager).unlink()

    def test_cron_evaluates_all_partners(self):
        with freeze_time("2026-05-01"):
            first = self._silver_partner("Cron One")
            second = self._prm_partner("Cron Two")
            self.env["res.partner"].with_company(self.company)._cron_evaluate_tiers()
            self.assertEqual(first.prm_tier_id, self.tier_silver)
            self.assertEqual(second.prm_tier_id, self.tier_registered)

    def test_tier_progress_for_next_tier(self):
        with freeze_time("2026-05-01"):
            partner = self._prm_partner("Progress Co")
            self._sell(partner, 400, date(2026, 4, 1))
            partner._prm_evaluate_tiers()
            progress = {row["criterion"]: row for row in partner._prm_tier_progress()}
        self.assertEqual(set(progress), {"revenue", "won_deals"})
        self.assertEqual(progress["revenue"]["required"], 1000)
        self.assertEqual(progress["revenue"]["actual"], 400)
        self.assertEqual(progress["revenue"]["missing"], 600)
        self.assertFalse(progress["won_deals"]["met"])
        self.assertEqual(progress["revenue"]["tier"], "Silver")

    def test_constraints(self):
        with self.assertRaises(ValidationError):
            self.tier_silver.min_revenue = -1
        with self.assertRaises(Exception):  # noqa: B017 - unique SQL constraint
            with self.cr.savepoint():
                self.env["prm.tier"].create({"name": "Duplicate", "rank": 10})


@tagged("post_install", "-at_install")
class TestTierEvaluationQueries(PrmPartnerCase):
    def _make_batch(self, size, prefix):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} {index}",
                    "is_company": True,
                    "prm_is_partner": True,
                    "company_id": self.company.id,
                }
                for index in range(size)
            ]
        )
        for partner in partners:
            self._sell(partner, 1500, date(2026, 3, 1))
            self._win(partner, date(2026, 3, 1))
        self._certify(partners[0], 1, date(2026, 1, 1))
        return partners

    def _count(self, partners):
        return self._prm_query_count(partners._prm_evaluate_tiers)

    def _assert_same_query_count(self, warm_up, small, large):
        """Evaluating ``large`` takes no more queries than ``small`` once
        ``warm_up`` filled the registry caches (refs, rates, models); ten
        times the partners, not one query more. Returns that count."""
        self._count(warm_up)
        small_count = self._count(small)
        self.env.invalidate_all()
        with self.assertQueryCount(small_count):
            large._prm_evaluate_tiers()
        return small_count

    @freeze_time("2026-05-01")
    def test_query_count_does_not_grow_with_partners(self):
        warm_up = self._make_batch(2, "Warm-up")
        small = self._make_batch(3, "Small")
        large = self._make_batch(30, "Large")
        small_count = self._assert_same_query_count(warm_up, small, large)
        self.assertEqual(large.mapped("prm_tier_id"), self.tier_silver)
        # Steady state: nothing changes, still the same bound.
        self.env.invalidate_all()
        with self.assertQueryCount(small_count):
            large._prm_evaluate_tiers()

    @freeze_time("2026-05-01")
    def test_query_count_does_not_grow_with_partners_with_contacts(self):
        """Partners with contacts too: the batch writes of the program skip
        Odoo's sync to the contacts, one partner at a time."""
        batches = []
        for size, prefix in ((2, "Warm-up"), (3, "Small"), (30, "Large")):
            partners = self._make_batch(size, prefix)
            self.env["res.partner"].create(
                [{"name": f"{p.name} buyer", "parent_id": p.id} for p in partners]
            )
            batches.append(partners)
        warm_up, small, large = batches
        self._assert_same_query_count(warm_up, small, large)
        self.assertEqual(large.mapped("prm_tier_id"), self.tier_silver)
        buyers = large.child_ids.with_company(self.company)
        self.assertEqual(
            buyers.mapped("property_product_pricelist"), self.pricelist_silver
        )

    def test_demotion_warnings_query_count_does_not_grow(self):
        with freeze_time("2026-05-01"):
            warm_up = self._make_batch(2, "Warm-up")
            small = self._make_batch(3, "Small")
            large = self._make_batch(30, "Large")
            (warm_up | small | large)._prm_evaluate_tiers()
            self.assertEqual(large.mapped("prm_tier_id"), self.tier_silver)
        # A year later the revenue left the window: every partner is warned.
        with freeze_time("2027-04-01"):
            self._assert_same_query_count(warm_up, small, large)
        self.assertEqual(large.mapped("prm_tier_id"), self.tier_silver)
        self.assertEqual(
            set(large.mapped("prm_tier_demotion_date")), {date(2027, 5, 1)}
        )
        warned = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", large.ids),
                ("subject", "ilike", "is at risk"),
            ]
        )
        self.assertEqual(len(warned), 30)
        mails = self.env["mail.mail"].search([("mail_message_id", "in", warned.ids)])
        self.assertEqual(mails.recipient_ids, large)

    def test_certification_expiry_cron_query_count_does_not_grow(self):
        Certification = self.env["prm.certification"]
        batches = []
        for size, issued in ((2, "2026-01-01"), (3, "2026-04-01"), (30, "2026-07-01")):
            partner = self._prm_partner(f"Certified {size}")
            with freeze_time(issued):
                batches.append(
                    self._certify(partner, size, fields.Date.to_date(issued))
                )
        warm_up, small, large = batches
        small_count = None
        for certs, run_on in (
            (warm_up, "2026-12-25"),
            (small, "2027-03-25"),
            (large, "2027-06-25"),
        ):
            changes = {}
            with freeze_time(run_on):
                if certs is large:
                    # ten times the certifications, not one query more
                    self.env.invalidate_all()
                    with self.assertQueryCount(small_count):
                        changes = Certification._cron_update_states()
                else:
                    small_count = self._prm_query_count(
                        lambda found=changes: found.update(
                            Certification._cron_update_states()
                        )
                    )
            self.assertEqual(changes["expiring"], certs)
            self.assertEqual(set(certs.mapped("state")), {"expiring"})
            # Out of the next runs: only one batch changes each time.
            certs.action_revoke()
        notices = self.env["mail.message"].search(
            [
                ("model", "=", "prm.certification"),
                ("res_id", "in", large.ids),
                ("subject", "ilike", "expires on"),
            ]
        )
        self.assertEqual(len(notices), 30)
