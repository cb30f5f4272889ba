# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestBusinessPlan(PrmPartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._prm_partner("Plan Co", prm_manager_id=cls.prm_user.id)
        cls.portal_user = cls._prm_portal_user(cls.partner, login="prm_plan_portal")
        cls.other = cls._prm_partner("Other Plan Co")
        cls.other_portal = cls._prm_portal_user(cls.other, login="prm_plan_other")

    def _plan(self, partner=None, user=None, kpis=None, **values):
        vals = {
            "partner_id": (partner or self.partner).id,
            "period_type": "quarter",
            "date_from": date(2026, 4, 1),
            "kpi_ids": [
                Command.create({"kind": kind, "goal": goal})
                for kind, goal in (kpis or [("revenue", 2400), ("won_deals", 4)])
            ],
        }
        vals.update(values)
        return (
            self.env["prm.business.plan"].with_user(user or self.prm_user).create(vals)
        )

    @freeze_time("2026-05-15")
    def test_kpi_actuals_are_stored_with_their_status(self):
        self._sell(self.partner, 1200, date(2026, 4, 10))
        self._sell(self.partner, 500, date(2026, 3, 31))  # the quarter before
        self._win(self.partner, date(2026, 5, 2))
        self._certify(self.partner, 2, date(2026, 1, 5))
        plan = self._plan(
            kpis=[("revenue", 2400), ("won_deals", 4), ("certified_contacts", 2)]
        )
        self.assertEqual(plan.user_id, self.prm_user, "the partner's manager")
        self.assertEqual(plan.date_to, date(2026, 6, 30))
        self.assertEqual(plan.name, "Plan Co - Q2 2026")
        revenue, won, certified = plan.kpi_ids
        self.assertEqual(revenue.actual, 1200)
        self.assertEqual(won.actual, 1)
        self.assertEqual(certified.actual, 2)
        # 45 of 91 days elapsed: 50 % of the revenue is on track, 25 % of the
        # won deals behind; the plan is as far as its worst KPI
        self.assertEqual(revenue.status, "on_track")
        self.assertEqual(won.status, "behind")
        self.assertEqual(certified.status, "achieved")
        self.assertEqual(plan.status, "behind")
        self.assertAlmostEqual(plan.achievement, (50 + 25 + 100) / 3, places=1)
        # stored: the pivot of the KPIs groups them
        groups = (
            self.env["prm.business.plan.kpi"]
            .with_user(self.prm_user)
            ._read_group([("plan_id", "=", plan.id)], ["status"], ["actual:sum"])
        )
        self.assertEqual(dict(groups), {"on_track": 1200, "behind": 1, "achieved": 2})
        # a new sale counts once refreshed, by the button or the cron
        self._sell(self.partner, 1300, date(2026, 5, 10))
        self.assertEqual(revenue.actual, 1200)
        plan.with_user(self.prm_user).action_refresh_kpis()
        self.assertEqual(revenue.actual, 2500)
        self.assertEqual(revenue.status, "achieved")
        self._win(self.partner, date(2026, 5, 12))
        self.env["prm.business.plan.kpi"]._cron_refresh_actuals()
        self.assertEqual(won.actual, 2)

    def test_status_moves_with_time_on_refresh(self):
        self._sell(self.partner, 1200, date(2026, 4, 10))
        with freeze_time("2026-04-20"):
            plan = self._plan(kpis=[("revenue", 2400)])
            self.assertEqual(plan.kpi_ids.status, "on_track")
        with freeze_time("2026-06-01"):
            plan.with_user(self.prm_user).action_refresh_kpis()
            self.assertEqual(plan.kpi_ids.status, "behind")
            self.assertEqual(plan.status, "behind")

    def test_refresh_stores_only_the_kpis_whose_figures_changed(self):
        """A refresh that finds the same figures writes nothing; one new
        sale rewrites the revenue KPI and its plan, not the other KPIs."""
        self._sell(self.partner, 1200, date(2026, 4, 10))
        with freeze_time("2026-05-15 08:00:00"):
            plan = self._plan(kpis=[("revenue", 2400), ("won_deals", 4)])
        revenue, won = plan.kpi_ids
        first = revenue.refreshed_on
        self.assertEqual(won.refreshed_on, first)
        with freeze_time("2026-05-15 09:00:00"):
            self.env.invalidate_all()
            plan.with_user(self.prm_user).action_refresh_kpis()
            self.assertEqual((revenue | won).mapped("refreshed_on"), [first, first])
            self._sell(self.partner, 1300, date(2026, 5, 10))
            self.env.flush_all()
        with freeze_time("2026-05-15 10:00:00"):
            plan.with_user(self.prm_user).action_refresh_kpis()
            self.assertEqual(revenue.actual, 2500)
            self.assertEqual(revenue.status, "achieved")
            self.assertEqual(revenue.refreshed_on, datetime(2026, 5, 15, 10, 0))
            self.assertEqual(won.refreshed_on, first, "same figures, left alone")
            self.assertEqual(plan.status, "behind", "the won deals still lag")
            self.assertAlmostEqual(plan.achievement, (100 + 0) / 2, places=1)

    def test_both_sides_sign_off(self):
        plan = self._plan()
        self.assertEqual(plan.state, "draft")
        with self.assertRaises(AccessError):
            plan.with_user(self.salesman).action_approve()
        plan.with_user(self.prm_user).action_approve()
        self.assertEqual(plan.vendor_accepted_by_id, self.prm_user)
        self.assertEqual(plan.state, "draft", "the partner has not accepted yet")
        # only the plan's own partner accepts it
        self.assertFalse(plan._prm_partner_can_accept(self.other_portal))
        with self.assertRaises(UserError):
            plan._prm_partner_accept(self.other_portal)
        plan._prm_partner_accept(self.portal_user)
        self.assertEqual(plan.partner_accepted_by_id, self.portal_user)
        self.assertEqual(plan.state, "agreed")
        # agreed goals do not move without going back to draft
        with self.assertRaises(UserError):
            plan.kpi_ids[0].with_user(self.prm_user).goal = 1
        plan.with_user(self.prm_user).action_reset_draft()
        self.assertFalse(plan.vendor_accepted_by_id or plan.partner_accepted_by_id)
        plan.kpi_ids[0].with_user(self.prm_user).goal = 3000
        self.assertEqual(plan.kpi_ids[0].goal, 3000)

    def test_partner_accepts_first_then_the_vendor_agrees_and_closes(self):
        plan = self._plan()
        plan._prm_partner_accept(self.portal_user)
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan._prm_partner_can_accept(self.portal_user), "once")
        plan.with_user(self.prm_user).action_approve()
        self.assertEqual(plan.state, "agreed")
        plan.with_user(self.prm_user).action_close()
        self.assertEqual(plan.state, "closed")
        with self.assertRaises(UserError):
            plan.with_user(self.prm_user).action_close()

    def test_a_plan_without_kpi_cannot_be_signed(self):
        plan = self._plan(kpis=[("revenue", 1)])
        plan.kpi_ids.unlink()
        with self.assertRaises(UserError):
            plan.with_user(self.prm_user).action_approve()
        self.assertFalse(plan._prm_partner_can_accept(self.portal_user))

    def test_copy_to_next_period(self):
        plan = self._plan(
            objectives="<p>Grow in Hanoi</p>",
            action_ids=[
                Command.create(
                    {
                        "name": "Train two sales reps",
                        "owner_side": "partner",
                        "date_deadline": date(2026, 5, 15),
                    }
                ),
                Command.create(
                    {"name": "Joint webinar", "owner_side": "vendor", "done": True}
                ),
            ],
        )
        action = plan.with_user(self.prm_user).action_copy_next_period()
        copy = self.env["prm.business.plan"].browse(action["res_id"])
        self.assertEqual(copy.date_from, date(2026, 7, 1))
        self.assertEqual(copy.date_to, date(2026, 9, 30))
        self.assertEqual(copy.state, "draft")
        self.assertEqual(copy.previous_plan_id, plan)
        self.assertIn("Hanoi", copy.objectives)
        self.assertEqual(
            [(k.kind, k.goal) for k in copy.kpi_ids],
            [("revenue", 2400), ("won_deals", 4)],
        )
        self.assertEqual(copy.action_ids.mapped("name"), ["Train two sales reps"])
        self.assertEqual(copy.action_ids.date_deadline, date(2026, 8, 15))
        self.assertEqual(plan.action_ids.mapped("done"), [False, True])
        with self.assertRaises(UserError):
            plan.with_user(self.prm_user).action_copy_next_period()

    def test_only_prm_users_read_plans(self):
        plan = self._plan()
        with self.assertRaises(AccessError):
            plan.with_user(self.salesman).check_access("read")
        with self.assertRaises(AccessError):
            plan.with_user(self.prm_user).unlink()
        plan.with_user(self.manager).unlink()
        self.assertFalse(plan.exists())

    def test_plans_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "PRM Plan Other Co"})
        outsider = self._prm_new_user(
            "prm_user",
            login="prm_plan_outsider",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        plan = self._plan()
        env = self.env(
            user=outsider, context={"allowed_company_ids": other_company.ids}
        )
        self.assertFalse(env["prm.business.plan"].search([("id", "=", plan.id)]))
        self.assertFalse(
            env["prm.business.plan.kpi"].search([("plan_id", "=", plan.id)])
        )
        self.assertTrue(
            self.env["prm.business.plan"]
            .with_user(self.prm_user)
            .search([("id", "=", plan.id)])
        )

    def test_kpi_refresh_query_count_does_not_grow_with_plans(self):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch Plan {index}",
                    "is_company": True,
                    "prm_is_partner": True,
                    "company_id": self.company.id,
                }
                for index in range(24)
            ]
        )
        for partner in partners[::4]:
            self._sell(partner, 100, date(2026, 4, 15))
        self._win(partners[1], date(2026, 4, 20))
        kinds = ("revenue", "won_deals", "new_customers", "certified_contacts")
        plans = self.env["prm.business.plan"].create(
            [
                {
                    "partner_id": partner.id,
                    "date_from": date(2026, 4, 1),
                    "kpi_ids": [Command.create({"kind": k, "goal": 5}) for k in kinds],
                }
                for partner in partners
            ]
        )
        # 4 plans against 24
        few = plans[:4].kpi_ids
        many = plans.kpi_ids
        Kpi = self.env["prm.business.plan.kpi"]
        expected = self._prm_query_count(Kpi.browse(few.ids)._prm_refresh_actuals)
        with self.assertQueryCount(expected):
            self.env.invalidate_all()
            Kpi.browse(many.ids)._prm_refresh_actuals()
            self.env.flush_all()
        self.assertEqual(
            sorted(
                set(
                    plans.kpi_ids.filtered(lambda k: k.kind == "revenue").mapped(
                        "actual"
                    )
                )
            ),
            [0.0, 100.0],
        )
        self.assertEqual(
            plans[1].kpi_ids.filtered(lambda k: k.kind == "won_deals").actual, 1
        )

    @freeze_time("2026-05-15")
    def test_achievement_by_territory_tier_and_manager(self):
        """The pivot of a PRM user (not a manager): achievement of the KPIs
        per territory, tier and partner manager, stored on the lines."""
        north, south = self.env["prm.territory"].create(
            [{"name": "Plan North"}, {"name": "Plan South"}]
        )
        self.partner.write(
            {
                "prm_territory_ids": [Command.set(north.ids)],
                "prm_tier_id": self.tier_gold.id,
            }
        )
        self.other.write(
            {
                "prm_territory_ids": [Command.set(south.ids)],
                "prm_manager_id": self.manager.id,
            }
        )
        self._sell(self.partner, 1200, date(2026, 4, 10))
        plan = self._plan(kpis=[("revenue", 2400)])
        other_plan = self._plan(partner=self.other, kpis=[("revenue", 1000)])
        self.assertEqual(plan.territory_id, north, "the partner's territory")
        self.assertEqual(other_plan.user_id, self.manager)
        Kpi = self.env["prm.business.plan.kpi"].with_user(self.prm_user)
        by_territory = dict(Kpi._read_group([], ["territory_id"], ["achievement:avg"]))
        self.assertEqual(by_territory, {north: 50.0, south: 0.0})
        by_manager = dict(Kpi._read_group([], ["user_id"], ["goal:sum"]))
        self.assertEqual(by_manager, {self.prm_user: 2400, self.manager: 1000})
        by_tier = dict(Kpi._read_group([], ["prm_tier_id"], ["actual:sum"]))
        self.assertEqual(by_tier[self.tier_gold], 1200)
        with self.subTest("another territory chosen on the plan follows"):
            plan.with_user(self.prm_user).territory_id = south
            self.assertEqual(plan.kpi_ids.territory_id, south)
