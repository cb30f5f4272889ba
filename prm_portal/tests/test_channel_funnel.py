# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The channel funnel report and the partners at risk, read by a PRM user
who is not a manager."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestChannelFunnel(PrmPortalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.won_stage = cls.env["crm.stage"].create(
            {"name": "Funnel Won", "is_won": True, "sequence": 98}
        )
        Lead = cls.env["crm.lead"]
        cls.routed_won, cls.routed_idle = Lead.create(
            [
                {
                    "name": "Funnel routed won",
                    "type": "lead",
                    "user_id": cls.manager.id,
                },
                {
                    "name": "Funnel routed idle",
                    "type": "lead",
                    "user_id": cls.manager.id,
                },
            ]
        )
        with freeze_time("2026-04-01 08:00:00"):
            cls.routed_won._prm_assign_partner(cls.partner_a, "test")
            cls.routed_idle._prm_assign_partner(cls.partner_a, "test")
        with freeze_time("2026-04-01 13:00:00"):
            cls.routed_won._prm_accept(cls.partner_a)
        cls.routed_won.write({"stage_id": cls.won_stage.id, "expected_revenue": 900})
        cls.routed_won.date_closed = datetime(2026, 4, 11, 8, 0)
        cls.influenced = Lead.create(
            {
                "name": "Funnel influenced",
                "type": "opportunity",
                "prm_partner_id": cls.partner_a.id,
                "expected_revenue": 500,
                "date_deadline": date(2026, 7, 15),
            }
        )
        cls.Report = cls.env["prm.channel.funnel.report"].with_user(cls.prm_user)

    def test_funnel_steps_rates_and_times(self):
        domain = [("partner_id", "=", self.partner_a.id)]
        (row,) = self.Report._read_group(
            domain,
            [],
            [
                "lead_count:sum",
                "routed_count:sum",
                "accepted_count:sum",
                "opportunity_count:sum",
                "won_count:sum",
                "accept_rate:avg",
                "win_rate:avg",
                "hours_to_accept:avg",
                "days_to_close:avg",
                "pipeline:sum",
                "won_revenue:sum",
            ],
        )
        self.assertEqual(row[:5], (3, 2, 1, 2, 1))
        accept_rate, win_rate, hours, days, pipeline, won = row[5:]
        self.assertEqual(accept_rate, 50.0, "one of the two routed leads accepted")
        self.assertEqual(win_rate, 50.0, "one of the two opportunities won")
        self.assertAlmostEqual(hours, 5.0)
        self.assertAlmostEqual(days, 10.0)
        self.assertEqual(pipeline, 500)
        self.assertEqual(won, 900)
        by_source = dict(
            self.Report._read_group(domain, ["source"], ["won_revenue:sum"])
        )
        self.assertEqual(by_source, {"sourced": 900, "influenced": 0})
        forecast = dict(
            self.Report._read_group(
                domain + [("pipeline", ">", 0)],
                ["date_deadline:month"],
                ["pipeline:sum"],
            )
        )
        self.assertEqual(list(forecast.values()), [500])
        self.assertFalse(
            self.Report._read_group(
                [("partner_id", "=", self.partner_b.id)], [], ["lead_count:sum"]
            )[0][0]
        )

    def test_registered_opportunity_is_partner_sourced(self):
        registration = self._registration(partner=self.partner_b)
        registration.with_user(self.reviewer).action_approve()
        self.assertTrue(registration.lead_id)
        (source,) = self.Report.search(
            [("lead_id", "=", registration.lead_id.id)]
        ).mapped("source")
        self.assertEqual(source, "sourced")

    def test_salesman_and_portal_user_cannot_read_the_funnel(self):
        for user in (self.salesman, self.portal_a):
            with self.assertRaises(AccessError):
                self.env["prm.channel.funnel.report"].with_user(user).search([])

    def test_partners_at_risk(self):
        Partner = self.env["res.partner"].with_user(self.prm_user)
        calm = self._prm_partner("Funnel Calm Co", prm_stage="active")
        self._registration(
            partner=calm, customer_name="Calm customer", customer_vat="0312345678"
        )
        # behind its plan: nothing sold, the quarter over
        self.env["prm.business.plan"].create(
            {
                "partner_id": self.partner_a.id,
                "date_from": date(2025, 1, 1),
                "kpi_ids": [Command.create({"kind": "revenue", "goal": 1000})],
            }
        )
        at_risk = Partner.search([("prm_at_risk", "=", True)])
        self.assertIn(self.partner_a, at_risk)
        self.assertIn(self.partner_b, at_risk, "no registration in 60 days")
        self.assertNotIn(calm, at_risk)
        self.assertIn(calm, Partner.search([("prm_at_risk", "=", False)]))
        self.assertIn(
            "Behind plan", self.partner_a.with_user(self.prm_user).prm_risk_reasons
        )
        self.assertEqual(
            self.partner_b.with_user(self.prm_user).prm_risk_reasons,
            "No registration in 60 days",
        )
