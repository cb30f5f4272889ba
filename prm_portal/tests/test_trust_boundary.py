# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a partner's portal user can reach over HTTP and RPC: its own records,
never the vendor's decisions (tiers, conflicts, closed deals), and library
documents by the audience of the moment."""

import base64
from datetime import date

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalTrustBoundary(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"].with_context(prm_no_auto_route=True)
        cls.lead = Lead.create(
            {"name": "Deal of A", "partner_name": "Buyer of A", "type": "lead"}
        )
        cls.lead._prm_assign_partner(cls.partner_a, "test")
        cls.lead._prm_accept(cls.partner_a)
        Stage = cls.env["crm.stage"]
        cls.open_stage = Stage.create({"name": "Portal TB Open", "sequence": 1})
        cls.won_stage = Stage.create(
            {"name": "Portal TB Won", "is_won": True, "sequence": 99}
        )

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def _call_kw(self, model, method, ids):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": [ids], "kwargs": {}},
        )

    @mute_logger("odoo.http")
    def test_partner_cannot_run_the_vendors_actions_over_rpc(self):
        registration = self._registration()
        self.assertEqual(registration.state, "submitted")
        self.authenticate("prm_portal_a", "prm_portal_a")
        for model, method, record in (
            ("res.partner", "action_prm_evaluate_tier", self.partner_a),
            ("prm.deal.registration", "action_recheck_conflicts", registration),
            ("prm.deal.registration", "action_review", registration),
            ("prm.deal.registration", "action_approve", registration),
            ("prm.deal.registration", "action_grant_extension", registration),
            ("crm.lead", "action_prm_confirm_win", self.lead),
        ):
            with self.assertRaises(JsonRpcException, msg=method):
                self._call_kw(model, method, record.ids)
        self.env.invalidate_all()
        self.assertEqual(registration.state, "submitted")
        self.assertFalse(registration.reviewer_id)

    def test_won_opportunity_is_read_only_on_the_portal(self):
        self.lead.action_set_won()
        self.assertTrue(self.lead.stage_id.is_won)
        self.authenticate("prm_portal_a", "prm_portal_a")
        self._post(
            f"/my/channel-leads/{self.lead.id}/update",
            stage_id=str(self.open_stage.id),
            expected_revenue="1",
            action="save",
        )
        self._post(f"/my/channel-leads/{self.lead.id}/update", action="lost")
        self.assertTrue(self.lead.active)
        self.assertTrue(self.lead.stage_id.is_won)
        self.assertNotEqual(self.lead.expected_revenue, 1)
        # and through the model, whatever the caller
        with self.assertRaises(UserError):
            self.lead._prm_portal_update({"stage_id": self.open_stage.id})

    def test_lost_opportunity_is_read_only_on_the_portal(self):
        self.lead.action_set_lost()
        with self.assertRaises(UserError):
            self.lead._prm_portal_update({}, action="won")
        self.assertFalse(self.lead.active)
        self.assertFalse(self.lead.stage_id.is_won)

    def test_win_marked_on_the_portal_waits_for_the_vendor(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        self._post(f"/my/channel-leads/{self.lead.id}/update", action="won")
        self.assertTrue(self.lead.stage_id.is_won)
        self.assertTrue(self.lead.prm_win_reported)
        won = self.partner_a._prm_won_deals_since(date(2000, 1, 1))
        self.assertEqual(won.get(self.partner_a.id, 0), 0)
        self.lead.with_user(self.manager).action_prm_confirm_win()
        won = self.partner_a._prm_won_deals_since(date(2000, 1, 1))
        self.assertEqual(won[self.partner_a.id], 1)


@tagged("post_install", "-at_install")
class TestLibraryAudienceAtQueryTime(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["prm.document.category"].create({"name": "TB Sales"})
        Document = cls.env["prm.document"]
        cls.doc_tier = Document.create(
            {
                "name": "Gold price list",
                "category_id": category.id,
                "prm_audience": "tiers",
                "prm_tier_ids": [(6, 0, cls.tier.ids)],
                "datas": base64.b64encode(b"GOLD PRICES"),
                "filename": "gold.txt",
            }
        )
        cls.doc_all = Document.create(
            {
                "name": "Brochure",
                "category_id": category.id,
                "datas": base64.b64encode(b"BROCHURE"),
                "filename": "brochure.txt",
            }
        )

    def test_demoted_partner_loses_its_tier_documents_at_once(self):
        as_partner = self.doc_tier.with_user(self.portal_a)
        self.assertEqual(as_partner.read(["name"])[0]["name"], "Gold price list")
        self.partner_a.prm_tier_id = False
        with self.assertRaises(AccessError):
            self.doc_tier.with_user(self.portal_a).read(["name"])
        self.assertTrue(self.doc_all.with_user(self.portal_a).read(["name"]))
        self.partner_a.prm_stage = "suspended"
        with self.assertRaises(AccessError):
            self.doc_all.with_user(self.portal_a).read(["name"])

    def test_archived_documents_are_not_readable(self):
        self.doc_all.active = False
        with self.assertRaises(AccessError):
            self.doc_all.with_user(self.portal_a).read(["name"])
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(f"/my/library/{self.doc_all.id}/download")
        self.assertEqual(response.status_code, 404)
        response = self.url_open(f"/web/content/prm.document/{self.doc_all.id}/datas")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"BROCHURE", response.content)

    def test_files_are_served_by_the_library_only(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(f"/web/content/prm.document/{self.doc_all.id}/datas")
        self.assertNotIn(b"BROCHURE", response.content)
        with self.assertRaises(AccessError):
            self.doc_all.with_user(self.portal_a).read(["datas"])
        response = self.url_open(f"/my/library/{self.doc_all.id}/download")
        self.assertEqual(response.content, b"BROCHURE")
        self.assertEqual(self.doc_all.download_count, 1)


@tagged("post_install", "-at_install")
class TestRegistrationHistory(PrmPortalCommon, TransactionCase):
    def test_conflict_evidence_survives_deleting_the_lead(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Existing deal",
                "partner_name": "Công ty TNHH Ánh Dương",
                "email_from": "buyer@anhduong.example",
                "prm_partner_id": self.partner_b.id,
            }
        )
        registration = self._registration()
        self.assertEqual(registration.state, "under_review")
        line = registration.conflict_ids.filtered(lambda c: c.lead_id == lead)
        self.assertTrue(line)
        self.assertEqual(line.other_name, "Existing deal")
        lead.unlink()
        self.assertTrue(line.exists())
        self.assertFalse(line.lead_id)
        self.assertEqual(line.other_name, "Existing deal")

    def test_merged_opportunity_keeps_its_registration(self):
        registration = self._registration(customer_name="Merge Target Co")
        registration.action_approve()
        opportunity = registration.lead_id
        duplicate = self.env["crm.lead"].create(
            {
                "name": "Same customer, typed again",
                "type": "opportunity",
                "partner_name": "Merge Target Co",
                "expected_revenue": 999_999_999,
                "probability": 99,
            }
        )
        master = (opportunity | duplicate)._merge_opportunity(max_length=0)
        self.assertTrue(master.exists())
        self.assertEqual(registration.lead_id, master)
        self.assertEqual(master.prm_partner_id, self.partner_a)

    def test_live_registrations_are_not_deleted(self):
        registration = self._registration()
        with self.assertRaises(UserError):
            registration.with_user(self.manager).unlink()
        registration.with_user(self.manager).action_reject(reason="duplicate")
        registration.with_user(self.manager).unlink()
        self.assertFalse(registration.exists())
