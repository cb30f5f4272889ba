# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestBusinessReview(PrmPartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_gold.review_cadence = "monthly"
        cls.tier_silver.review_cadence = "quarterly"
        cls.gold = cls._prm_partner(
            "Review Gold Co",
            prm_tier_id=cls.tier_gold.id,
            prm_stage="active",
            prm_manager_id=cls.prm_user.id,
            email="gold@review.example",
        )
        cls.silver = cls._prm_partner(
            "Review Silver Co",
            prm_tier_id=cls.tier_silver.id,
            prm_stage="active",
            prm_manager_id=cls.prm_user.id,
        )
        cls.no_cadence = cls._prm_partner(
            "Review Registered Co",
            prm_tier_id=cls.tier_registered.id,
            prm_stage="active",
        )
        cls.activity_type = cls.env.ref(
            "prm_partner.mail_activity_type_business_review"
        )

    def _activities(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def _review(self, partner, when, **values):
        return (
            self.env["prm.business.review"]
            .with_user(self.prm_user)
            .create({"partner_id": partner.id, "date": when, **values})
        )

    def test_cadence_of_the_tier_schedules_review_activities(self):
        Review = self.env["prm.business.review"]
        partners = self.gold | self.silver | self.no_cadence
        with freeze_time("2026-03-01"):
            self._review(self.gold, date(2026, 3, 1))
            self._review(self.silver, date(2026, 3, 1))
        with freeze_time("2026-03-20"):
            # Gold is due on 1 April, beyond the week ahead: nothing yet
            Review._cron_schedule_reviews()
            self.assertFalse(self._activities(partners))
        with freeze_time("2026-03-26"):
            Review._cron_schedule_reviews()
            activity = self._activities(partners)
            self.assertEqual(activity.res_id, self.gold.id)
            self.assertEqual(activity.user_id, self.prm_user)
            self.assertEqual(activity.date_deadline, date(2026, 4, 1))
            # never two for the same partner
            Review._cron_schedule_reviews()
            self.assertEqual(len(self._activities(partners)), 1)
        with freeze_time("2026-05-28"):
            # Silver reviewed quarterly: due 1 June
            Review._cron_schedule_reviews()
            self.assertEqual(
                set(self._activities(partners).mapped("res_id")),
                {self.gold.id, self.silver.id},
            )
        self.assertFalse(self._activities(self.no_cadence))

    def test_partner_never_reviewed_is_due_today(self):
        with freeze_time("2026-06-10"):
            self.env["prm.business.review"]._cron_schedule_reviews()
        activity = self._activities(self.silver)
        self.assertEqual(activity.date_deadline, date(2026, 6, 10))

    @freeze_time("2026-05-15")
    def test_review_snapshots_kpis_and_shares_the_scorecard(self):
        self._sell(self.gold, 3000, date(2026, 4, 20))
        self._sell(self.gold, 800, date(2026, 1, 20))
        self._win(self.gold, date(2026, 5, 2))
        certs = self._certify(self.gold, 2, date(2026, 1, 5))
        plan = (
            self.env["prm.business.plan"]
            .with_user(self.prm_user)
            .create(
                {
                    "partner_id": self.gold.id,
                    "date_from": date(2026, 4, 1),
                    "kpi_ids": [
                        Command.create({"kind": "revenue", "goal": 6000}),
                        Command.create({"kind": "won_deals", "goal": 4}),
                    ],
                    "action_ids": [
                        Command.create(
                            {
                                "name": "Hire a presales engineer",
                                "owner_side": "partner",
                            }
                        )
                    ],
                }
            )
        )
        with freeze_time("2026-05-01"):
            self.env["prm.business.review"]._cron_schedule_reviews()
        self.assertTrue(self._activities(self.gold))
        review = self._review(
            self.gold,
            date(2026, 5, 15),
            feedback="<p>Strong quarter in the north</p>",
            notes="<p>Ask about the second warehouse</p>",
        )
        self.assertEqual(review.plan_id, plan)
        self.assertEqual(review.tier_id, self.tier_gold)
        self.assertEqual(
            [
                (line.kind, line.goal, line.actual, line.status)
                for line in review.line_ids
            ],
            [("revenue", 6000, 3000, "on_track"), ("won_deals", 4, 1, "behind")],
        )
        # the snapshot stays as it was when the plan moves on
        self._sell(self.gold, 1000, date(2026, 5, 10))
        plan.action_refresh_kpis()
        self.assertEqual(plan.kpi_ids[0].actual, 4000)
        self.assertEqual(review.line_ids[0].actual, 3000)
        trend = review._prm_scorecard_trend()
        self.assertEqual(
            [(p["label"], p["revenue"], p["won_deals"]) for p in trend],
            [
                ("Q3 2025", 0.0, 0),
                ("Q4 2025", 0.0, 0),
                ("Q1 2026", 800.0, 0),
                ("Q2 2026", 4000.0, 1),
            ],
        )
        self.assertEqual(trend[-1]["bar"], 100)
        self.assertEqual(trend[2]["bar"], 20)
        # the scorecard holds the partner's figures
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "prm_partner.action_report_prm_business_review", review.ids
            )[0]
            .decode()
        )
        for text in (
            "Review Gold Co",
            "Gold",
            "Strong quarter in the north",
            "Hire a presales engineer",
            "Q1 2026",
            "width: 50%",  # revenue bar, half the goal
            certs[0].contact_id.name,
        ):
            self.assertIn(text, html)
        self.assertNotIn("second warehouse", html, "internal notes stay internal")
        # shared: mail with the PDF, the review activity closed
        with self.assertRaises(AccessError):
            review.with_user(self.salesman).action_share()
        review.with_user(self.prm_user).action_share()
        self.assertEqual(review.state, "done")
        message = review.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(message, "the scorecard is attached to the mail")
        self.assertIn(self.gold, message.partner_ids)
        self.assertTrue(message.attachment_ids[0].name.startswith("Scorecard"))
        self.assertFalse(self._activities(self.gold))
        with self.assertRaises(UserError):
            review.with_user(self.prm_user).action_share()
        with self.assertRaises(UserError):
            review.with_user(self.prm_user).action_snapshot()

    def test_review_without_plan_has_no_kpi(self):
        review = self._review(self.silver, date(2026, 5, 1))
        self.assertFalse(review.plan_id)
        self.assertFalse(review.line_ids)
        self.assertEqual(review.user_id, self.prm_user)

    def test_only_prm_users_read_reviews(self):
        review = self._review(self.silver, date(2026, 5, 1))
        with self.assertRaises(AccessError):
            review.with_user(self.salesman).check_access("read")
        with self.assertRaises(AccessError):
            review.with_user(self.employee).check_access("read")
