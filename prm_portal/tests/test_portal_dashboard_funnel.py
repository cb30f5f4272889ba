# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The partner's own funnel on the portal dashboard, read over HTTP by the
portal users of two partners: each sees its own steps and rates only."""

from datetime import date, timedelta

from lxml import html

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalDashboardFunnel(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        won_stage = cls.env["crm.stage"].create(
            {"name": "Dashboard Funnel Won", "is_won": True, "sequence": 97}
        )
        Lead = cls.env["crm.lead"]
        # partner A: 4 routed, 2 accepted, 1 of them won; 1 found by itself
        routed = Lead.create(
            [
                {"name": f"Dash routed {i}", "type": "lead", "user_id": cls.manager.id}
                for i in range(4)
            ]
        )
        for lead in routed:
            lead._prm_assign_partner(cls.partner_a, "test")
        for lead in routed[:2]:
            lead._prm_accept(cls.partner_a)
        routed[0].write({"stage_id": won_stage.id})
        Lead.create(
            {
                "name": "Dash own opportunity",
                "type": "opportunity",
                "prm_partner_id": cls.partner_a.id,
            }
        )
        # partner B: one routed lead, never answered
        other = Lead.create(
            {"name": "Dash routed B", "type": "lead", "user_id": cls.manager.id}
        )
        other._prm_assign_partner(cls.partner_b, "test")
        # older than 12 months: outside the funnel
        old = Lead.create(
            {"name": "Dash old", "type": "lead", "user_id": cls.manager.id}
        )
        old._prm_assign_partner(cls.partner_a, "test")
        old.prm_routed_on = fields.Datetime.now() - timedelta(days=400)

    def _funnel(self, login):
        self.authenticate(login, login)
        response = self.url_open("/my/partner")
        self.assertEqual(response.status_code, 200)
        tree = html.fromstring(response.text)
        (card,) = tree.xpath("//div[hasclass('o_prm_funnel')]")
        steps = {}
        for step in ("routed", "accepted", "opportunities", "won"):
            (row,) = card.xpath(f".//div[hasclass('o_prm_funnel_{step}')]")
            count = row.xpath(".//*[hasclass('o_prm_funnel_count')]")[0].text_content()
            rate = row.xpath(".//*[hasclass('o_prm_funnel_rate')]")
            steps[step] = (
                int(count),
                " ".join(rate[0].text_content().split()) if rate else None,
            )
        return steps

    def test_partner_sees_its_own_funnel_with_the_rates(self):
        self.assertEqual(
            self._funnel("prm_portal_a"),
            {
                "routed": (4, None),
                "accepted": (2, "50% of the step before"),
                # the two accepted leads and its own opportunity
                "opportunities": (3, "100% of the step before"),
                "won": (1, "33% of the step before"),
            },
        )

    def test_other_partner_sees_only_its_lead(self):
        self.assertEqual(
            self._funnel("prm_portal_b"),
            {
                "routed": (1, None),
                "accepted": (0, "0% of the step before"),
                "opportunities": (0, None),
                "won": (0, None),
            },
        )

    def test_dashboard_shows_the_own_plan_kpis_with_their_status(self):
        plan = self.env["prm.business.plan"].create(
            {
                "partner_id": self.partner_a.id,
                "date_from": date.today(),
                "kpi_ids": [
                    Command.create({"kind": "won_deals", "goal": 1}),
                    Command.create({"kind": "revenue", "goal": 1000}),
                ],
            }
        )
        labels = {"achieved": "Achieved", "on_track": "On track", "behind": "Behind"}
        won, revenue = plan.kpi_ids.sorted("kind", reverse=True)
        self.assertEqual(
            (won.kind, won.actual, won.status), ("won_deals", 1, "achieved")
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        tree = html.fromstring(self.url_open("/my/partner").text)
        (card,) = tree.xpath(
            f"//div[hasclass('o_prm_dashboard_plan')][.//a[@href='/my/plans/{plan.id}']]"
        )
        rows = [
            [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
            for row in card.xpath(".//table[hasclass('o_prm_kpi_table')]/tbody/tr")
        ]
        self.assertEqual(
            {row[0]: row[-1] for row in rows},
            {"Won Deals": labels[won.status], "Revenue": labels[revenue.status]},
        )
        self.authenticate("prm_portal_b", "prm_portal_b")
        page = self.url_open("/my/partner").text
        self.assertNotIn(f'href="/my/plans/{plan.id}"', page)
