# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestLifecycle(PrmPartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Task = cls.env["prm.onboarding.task"]
        cls.task_all = Task.create({"name": "Sign the NDA"})
        cls.task_reseller = Task.create(
            {"name": "Complete sales training", "partner_type": "reseller"}
        )
        cls.task_integrator = Task.create(
            {"name": "Technical audit", "partner_type": "system_integrator"}
        )

    def test_checklist_follows_partner_type(self):
        partner = self._prm_partner("Checklist Co")
        self.assertEqual(
            partner.prm_onboarding_line_ids.task_id, self.task_all | self.task_reseller
        )
        self.assertEqual(partner.prm_onboarding_progress, 0)
        partner.prm_onboarding_line_ids[0].done = True
        self.assertEqual(partner.prm_onboarding_progress, 50)
        partner.prm_partner_type = "system_integrator"
        self.assertIn(self.task_integrator, partner.prm_onboarding_line_ids.task_id)

    def test_new_task_reaches_partners_being_onboarded(self):
        onboarding = self._prm_partner("Still Onboarding Co")
        onboarding._prm_set_stage("onboarding", "accepted")
        active = self._prm_partner("Already Active Co")
        active.prm_onboarding_line_ids.write({"done": True})
        active._prm_set_stage("onboarding", "accepted")
        active._prm_set_stage("active", "done")
        task = self.env["prm.onboarding.task"].create(
            {"name": "Upload tax certificate"}
        )
        self.assertIn(task, onboarding.prm_onboarding_line_ids.task_id)
        self.assertNotIn(task, active.prm_onboarding_line_ids.task_id)

    @freeze_time("2026-03-01")
    def test_activation_requires_checklist(self):
        partner = self._prm_partner("Activation Co")
        partner._prm_set_stage("onboarding", "application accepted")
        with self.assertRaises(UserError):
            partner.with_user(self.user)._prm_set_stage("active", "ready")
        with self.assertRaises(UserError):
            partner.with_user(self.user)._prm_set_stage("active", "push", force=True)
        partner.prm_onboarding_line_ids.write({"done": True})
        partner.with_user(self.user)._prm_set_stage("active", "checklist done")
        self.assertEqual(partner.prm_stage, "active")
        self.assertEqual(partner.prm_partner_since, date(2026, 3, 1))
        history = partner.prm_stage_history_ids.sorted("id")
        self.assertEqual(
            history.mapped("new_stage"), ["prospect", "onboarding", "active"]
        )
        self.assertEqual(history[-1].old_stage, "onboarding")
        self.assertEqual(history[-1].reason, "checklist done")

    def test_manager_forces_activation_with_reason(self):
        partner = self._prm_partner("Forced Co")
        wizard = (
            self.env["prm.stage.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_id": partner.id,
                    "new_stage": "active",
                    "force": True,
                    "reason": "Strategic partner, paperwork follows",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(partner.prm_stage, "active")
        last = partner.prm_stage_history_ids.sorted("id")[-1]
        self.assertTrue(last.forced)
        self.assertEqual(last.user_id, self.manager)

    def test_direct_write_is_checked_and_logged(self):
        partner = self._prm_partner("Write Co")
        with self.assertRaises(UserError):
            partner.write({"prm_stage": "active"})
        partner.with_context(prm_stage_reason="late payments").write(
            {"prm_stage": "suspended"}
        )
        last = partner.prm_stage_history_ids.sorted("id")[-1]
        self.assertEqual((last.new_stage, last.reason), ("suspended", "late payments"))


@tagged("post_install", "-at_install")
class TestChannelAttribution(PrmPartnerCase):
    def test_order_from_opportunity_takes_its_partner(self):
        partner = self._prm_partner("Channel Co")
        lead = self.env["crm.lead"].create(
            {
                "name": "Deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "prm_partner_id": partner.id,
            }
        )
        context = lead._prepare_opportunity_quotation_context()
        self.assertEqual(context["default_prm_partner_id"], partner.id)
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "opportunity_id": lead.id}
        )
        self.assertEqual(order.prm_partner_id, partner)

    def test_partner_buying_for_resale(self):
        partner = self._prm_partner("Reseller Buying Co")
        buyer = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": partner.id}
        )
        order = self.env["sale.order"].create({"partner_id": buyer.id})
        self.assertEqual(order.prm_partner_id, partner)
        plain = self.env["sale.order"].create({"partner_id": self.customer.id})
        self.assertFalse(plain.prm_partner_id)

    def test_order_keeps_the_tier_of_its_time(self):
        partner = self._prm_partner("Snapshot Co", prm_tier_id=self.tier_silver.id)
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "prm_partner_id": partner.id}
        )
        self.assertEqual(order.prm_tier_id, self.tier_silver)
        partner.prm_tier_id = self.tier_gold
        self.assertEqual(order.prm_tier_id, self.tier_silver)
        later = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "prm_partner_id": partner.id}
        )
        self.assertEqual(later.prm_tier_id, self.tier_gold)


@tagged("post_install", "-at_install")
class TestTargets(PrmPartnerCase):
    @freeze_time("2026-05-20")
    def test_actuals_and_achievement(self):
        partner = self._prm_partner("Target Co")
        self._sell(partner, 1200, date(2026, 4, 10))
        self._sell(partner, 300, date(2026, 1, 10))
        self._win(partner, date(2026, 5, 2))
        Target = self.env["prm.target"]
        targets = Target.create(
            [
                {
                    "partner_id": partner.id,
                    "period_type": "quarter",
                    "date_from": date(2026, 5, 1),
                    "kind": "revenue",
                    "target": 2400,
                },
                {
                    "partner_id": partner.id,
                    "period_type": "month",
                    "date_from": date(2026, 5, 1),
                    "kind": "won_deals",
                    "target": 4,
                },
                {
                    "partner_id": partner.id,
                    "period_type": "year",
                    "date_from": date(2026, 5, 1),
                    "kind": "new_customers",
                    "target": 2,
                },
            ]
        )
        revenue, won, customers = targets
        self.assertEqual(revenue.date_from, date(2026, 4, 1))
        self.assertEqual(revenue.date_to, date(2026, 6, 30))
        self.assertEqual(revenue.actual, 1200)
        self.assertEqual(revenue.achievement, 50.0)
        self.assertEqual(won.actual, 1)
        self.assertEqual(won.achievement, 25.0)
        self.assertEqual(customers.actual, 1)
        self.assertEqual(partner.prm_target_count, 3)
        self.assertEqual(partner.prm_revenue_ytd, 1500)
        self.assertEqual(partner.prm_won_deals_ytd, 1)

    def test_on_track_status_follows_the_elapsed_period(self):
        partner = self._prm_partner("Pace Co")
        self._sell(partner, 1200, date(2026, 4, 10))
        with freeze_time("2026-04-20"):
            target = self.env["prm.target"].create(
                {
                    "partner_id": partner.id,
                    "period_type": "quarter",
                    "date_from": date(2026, 4, 1),
                    "kind": "revenue",
                    "target": 2400,
                }
            )
        # read by a PRM user who is not a manager, as the list shows it
        target = target.with_user(self.user)
        # 50% achieved: 20 days of 91 are behind us, then 50 days, then all
        for today, status in (
            ("2026-04-20", "on_track"),
            ("2026-05-20", "behind"),
            ("2026-07-15", "behind"),
        ):
            with freeze_time(today):
                target.invalidate_recordset(["status"])
                self.assertEqual(target.achievement, 50.0)
                self.assertEqual(target.status, status, today)
        self._sell(partner, 1200, date(2026, 5, 10))
        with freeze_time("2026-05-20"):
            target.invalidate_recordset(["actual", "achievement", "status"])
            self.assertEqual(target.status, "achieved")

    def test_name_follows_renamed_partner(self):
        partner = self._prm_partner("Target Co")
        target = self.env["prm.target"].create(
            {
                "partner_id": partner.id,
                "period_type": "quarter",
                "date_from": date(2026, 4, 1),
                "kind": "revenue",
                "target": 1000,
            }
        )
        self.assertTrue(target.name.startswith("Target Co - "))
        self.env.flush_all()
        partner.with_user(self.user).name = "Renamed Co"
        self.env.flush_all()
        target.invalidate_recordset(["name"])
        self.assertTrue(target.name.startswith("Renamed Co - "))
        self.assertEqual(target.with_user(self.user).display_name, target.name)
