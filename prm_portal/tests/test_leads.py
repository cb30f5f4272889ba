# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestRoutedLeads(PrmPortalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        territory = cls.env["prm.territory"].create(
            {
                "name": "Vietnam (portal test)",
                "country_ids": [(6, 0, cls.country_vn.ids)],
            }
        )
        (cls.partner_a | cls.partner_b).write(
            {"prm_territory_ids": [(6, 0, territory.ids)]}
        )
        cls.lead = (
            cls.env["crm.lead"]
            .with_context(prm_no_auto_route=True)
            .create(
                {
                    "name": "Routed lead",
                    "type": "lead",
                    "partner_name": "Routed Customer",
                    "country_id": cls.country_vn.id,
                    "user_id": cls.manager.id,
                }
            )
        )

    def test_assignment_waits_for_an_answer(self):
        self.lead._prm_assign_partner(self.partner_a, "test")
        self.assertEqual(self.lead.prm_acceptance, "offered")
        # the backend taking the lead back clears the answer too
        self.lead.prm_partner_id = False
        self.assertFalse(self.lead.prm_acceptance)

    @freeze_time("2026-05-01")
    def test_accept_makes_protected_opportunity(self):
        self.lead._prm_assign_partner(self.partner_a, "test")
        self.lead._prm_accept(self.partner_a)
        self.assertEqual(self.lead.type, "opportunity")
        self.assertEqual(self.lead.prm_acceptance, "accepted")
        self.assertEqual(str(self.lead.prm_protected_until), "2026-06-30")
        with self.assertRaises(UserError):
            self.lead._prm_accept(self.partner_a)

    def test_only_the_offered_partner_answers(self):
        self.lead._prm_assign_partner(self.partner_a, "test")
        with self.assertRaises(UserError):
            self.lead._prm_accept(self.partner_b)
        with self.assertRaises(UserError):
            self.lead._prm_decline(self.partner_b, "not mine")

    def test_decline_needs_reason_and_never_comes_back(self):
        self.lead._prm_assign_partner(self.partner_a, "test")
        with self.assertRaises(UserError):
            self.lead._prm_decline(self.partner_a, "  ")
        offered = [self.partner_a]
        partner = self.partner_a
        while partner:
            partner = self.lead._prm_decline(partner, "No capacity this quarter")
            self.assertNotIn(partner, offered)
            if partner:
                self.assertEqual(self.lead.prm_partner_id, partner)
                self.assertEqual(self.lead.prm_acceptance, "offered")
                offered.append(partner)
            self.assertLess(len(offered), 50)
        self.assertIn(self.partner_b, offered)
        self.assertFalse(self.lead.prm_partner_id)
        self.assertFalse(self.lead.prm_acceptance)
        self.assertEqual(
            set(self.lead.prm_declined_partner_ids.ids), {p.id for p in offered}
        )
        self.assertEqual(self.lead.prm_decline_reason, "No capacity this quarter")
        with self.assertRaises(UserError):
            self.lead._prm_assign_partner(self.partner_a, "again")

    def test_portal_update_is_limited(self):
        self.lead._prm_assign_partner(self.partner_a, "test")
        self.lead._prm_accept(self.partner_a)
        self.lead._prm_portal_update(
            {"expected_revenue": 5000, "prm_partner_notes": "Demo on Friday"}
        )
        self.assertEqual(self.lead.expected_revenue, 5000)
        with self.assertRaises(UserError):
            self.lead._prm_portal_update({"user_id": self.reviewer.id})
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        with self.assertRaises(UserError):
            self.lead._prm_portal_update({"stage_id": won.id})


@tagged("post_install", "-at_install")
class TestLeadPages(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"].with_context(prm_no_auto_route=True)
        cls.lead_a, cls.lead_b = Lead.create(
            [
                {"name": "Lead for A", "partner_name": "Customer A", "type": "lead"},
                {"name": "Lead for B", "partner_name": "Customer B", "type": "lead"},
            ]
        )
        cls.lead_a._prm_assign_partner(cls.partner_a, "test")
        cls.lead_b._prm_assign_partner(cls.partner_b, "test")

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def test_leads_of_other_partner_are_not_found(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        self.assertNotIn("Lead for B", self.url_open("/my/channel-leads").text)
        self.assertEqual(
            self.url_open(f"/my/channel-leads/{self.lead_b.id}").status_code, 404
        )
        response = self._post(f"/my/channel-leads/{self.lead_b.id}/accept")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.lead_b.prm_acceptance, "offered")

    def test_accept_update_and_win(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        self.assertIn("Lead for A", self.url_open("/my/channel-leads").text)
        self._post(f"/my/channel-leads/{self.lead_a.id}/accept")
        self.assertEqual(self.lead_a.prm_acceptance, "accepted")
        self.assertEqual(self.lead_a.type, "opportunity")
        # invalid input is refused with a message and changes nothing
        response = self._post(
            f"/my/channel-leads/{self.lead_a.id}/update",
            expected_revenue="lots",
            action="save",
        )
        self.assertIn("Please enter a number.", response.text)
        self.assertEqual(self.lead_a.expected_revenue, 0)
        self._post(
            f"/my/channel-leads/{self.lead_a.id}/update",
            expected_revenue="12.500.000",
            prm_partner_notes="Demo booked",
            action="won",
        )
        self.assertEqual(self.lead_a.expected_revenue, 12_500_000)
        self.assertEqual(self.lead_a.prm_partner_notes, "Demo booked")
        self.assertTrue(self.lead_a.stage_id.is_won)

    def test_stages_of_other_teams_are_not_offered(self):
        team_a, team_b = self.env["crm.team"].create(
            [{"name": "Portal Team A"}, {"name": "Portal Team B"}]
        )
        Stage = self.env["crm.stage"]
        own_stage = Stage.create({"name": "Team A Demo", "team_id": team_a.id})
        other_stage = Stage.create({"name": "Team B Secret", "team_id": team_b.id})
        self.authenticate("prm_portal_a", "prm_portal_a")
        self._post(f"/my/channel-leads/{self.lead_a.id}/accept")
        self.lead_a.sudo().team_id = team_a
        page = self.url_open(f"/my/channel-leads/{self.lead_a.id}").text
        self.assertIn("Team A Demo", page)
        self.assertNotIn("Team B Secret", page)
        # a forged stage of another team: a form message, the input is kept
        response = self._post(
            f"/my/channel-leads/{self.lead_a.id}/update",
            stage_id=str(other_stage.id),
            expected_revenue="7.000.000",
            prm_partner_notes="Kept notes",
            action="save",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please choose one of the proposed values.", response.text)
        self.assertIn("The opportunity was not updated", response.text)
        self.assertIn("Kept notes", response.text)
        self.assertIn('value="7.000.000"', response.text)
        self.assertNotEqual(self.lead_a.stage_id, other_stage)
        self.assertEqual(self.lead_a.expected_revenue, 0)
        # a stage of the lead's team is accepted
        self._post(
            f"/my/channel-leads/{self.lead_a.id}/update",
            stage_id=str(own_stage.id),
            action="save",
        )
        self.assertEqual(self.lead_a.stage_id, own_stage)

    def test_decline_from_portal(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post(f"/my/channel-leads/{self.lead_a.id}/decline", reason="")
        self.assertIn("message=reason_required", response.url)
        self.assertEqual(self.lead_a.prm_partner_id, self.partner_a)
        self._post(f"/my/channel-leads/{self.lead_a.id}/decline", reason="Too far away")
        self.assertIn(self.partner_a, self.lead_a.prm_declined_partner_ids)
        self.assertNotEqual(self.lead_a.prm_partner_id, self.partner_a)
        self.assertEqual(
            self.url_open(f"/my/channel-leads/{self.lead_a.id}").status_code, 404
        )

    def _open(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)

    def test_lead_list_query_count_is_bounded(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        self._open("/my/channel-leads")  # warm caches
        few = self._prm_query_count(self._open, "/my/channel-leads")
        leads = (
            self.env["crm.lead"]
            .with_context(prm_no_auto_route=True, tracking_disable=True)
            .create(
                [
                    {
                        "name": f"Bulk lead {i}",
                        "partner_name": f"Bulk {i}",
                        "prm_partner_id": self.partner_a.id,
                        "prm_acceptance": "offered",
                    }
                    for i in range(100)
                ]
            )
        )
        self.assertEqual(len(leads), 100)
        self._open("/my/channel-leads")
        # 100 more leads: at most 3 more queries
        with self.assertQueryCount(few + 3):
            self._open("/my/channel-leads")
