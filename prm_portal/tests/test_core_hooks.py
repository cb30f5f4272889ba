# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own CRM users keep their rights with the suite installed.

A salesperson or sales manager who is in no PRM group works the pipeline as
without our addons: stage changes, won, lost, merge and conversion, also on
opportunities linked to an approved deal registration.  The registration
follows the opportunity all the same (our side effects run as superuser).
"""

import re

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestCrmHooksForSalespeople(PrmPortalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # cls.salesman (PrmCase) is in no PRM group, nor is the sales manager
        cls.sales_manager = cls._prm_new_user(
            "salesman",
            login="prm_core_sales_manager",
            groups="sales_team.group_sale_manager",
        )
        Stage = cls.env["crm.stage"]
        cls.stage_new = Stage.create({"name": "PRM core new", "sequence": 1})
        cls.stage_next = Stage.create({"name": "PRM core next", "sequence": 2})
        cls.stage_won = Stage.create(
            {"name": "PRM core won", "sequence": 70, "is_won": True}
        )
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "PRM core"})

    def _approved_registration(self, user=None):
        """An approved registration whose opportunity ``user`` owns."""
        reg = self._registration()
        reg.with_user(self.reviewer).action_approve()
        self.assertEqual(reg.state, "approved")
        reg.lead_id.write(
            {"user_id": (user or self.salesman).id, "stage_id": self.stage_new.id}
        )
        # the user's request starts with nothing read by the reviewer
        self.env.invalidate_all()
        return reg

    def _lead(self, name, user=None, **values):
        vals = {
            "name": name,
            "type": "opportunity",
            "user_id": (user or self.salesman).id,
            "stage_id": self.stage_new.id,
        }
        vals.update(values)
        return self.env["crm.lead"].create(vals)

    def test_salesperson_changes_stage_of_registered_opportunity(self):
        reg = self._approved_registration()
        lead = reg.lead_id.with_user(self.salesman)
        lead.write({"stage_id": self.stage_next.id})
        self.assertEqual(lead.stage_id, self.stage_next)
        self.assertEqual(reg.state, "approved")

    def test_salesperson_marks_registered_opportunity_won(self):
        reg = self._approved_registration()
        lead = reg.lead_id.with_user(self.salesman)
        lead.action_set_won_rainbowman()
        self.assertTrue(lead.stage_id.is_won)
        self.assertTrue(lead.date_closed)
        # the registration follows, though the salesperson cannot read it
        self.assertEqual(reg.state, "won")
        self.assertFalse(reg.claim_active)

    def test_salesperson_marks_registered_opportunity_lost(self):
        reg = self._approved_registration()
        lead = reg.lead_id.with_user(self.salesman)
        lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertFalse(lead.active)
        self.assertEqual(reg.state, "lost")

    def test_sales_manager_moves_registered_opportunity_to_won_stage(self):
        reg = self._approved_registration(user=self.reviewer)
        lead = reg.lead_id.with_user(self.sales_manager)
        lead.write({"stage_id": self.stage_won.id})
        self.assertEqual(reg.state, "won")

    def test_salesperson_merges_registered_opportunity(self):
        """The registration moves to the opportunity that survives the merge,
        with its channel partner and protection."""
        reg = self._approved_registration()
        registered = reg.lead_id
        # the surviving opportunity is the one with the highest probability
        master = self._lead("Anh Duong, second contact", probability=90)
        wizard = (
            self.env["crm.merge.opportunity"]
            .with_user(self.salesman)
            .with_context(active_model="crm.lead", active_ids=(registered | master).ids)
            .create({})
        )
        wizard.opportunity_ids = [Command.set((registered | master).ids)]
        merged = wizard.action_merge()
        result = self.env["crm.lead"].browse(merged["res_id"])
        self.assertEqual(result, master)
        self.assertFalse(registered.exists())
        self.assertEqual(reg.lead_id, master)
        self.assertEqual(master.prm_partner_id, self.partner_a)
        self.assertEqual(master.prm_protected_until, reg.protected_until)
        self.assertEqual(master.prm_acceptance, "accepted")

    def test_salesperson_merges_leads_without_registration(self):
        first = self._lead("Merge one", type="lead")
        second = self._lead("Merge two", type="lead")
        result = (
            (first | second)
            .with_user(self.salesman)
            ._merge_opportunity(auto_unlink=True)
        )
        self.assertEqual(len(result), 1)
        self.assertEqual(len((first | second).exists()), 1)

    def test_salesperson_converts_lead(self):
        lead = self._lead("Convert me", type="lead", partner_name="Convert Co")
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.salesman)
            .with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
            .create({"name": "convert", "action": "create"})
        )
        wizard.action_apply()
        self.assertEqual(lead.type, "opportunity")
        self.assertTrue(lead.partner_id)

    def test_salesperson_converts_lead_of_a_registration(self):
        """A registration linked to a lead that is still a lead."""
        lead = self._lead("Registered lead", type="lead")
        reg = self._registration()
        reg.with_user(self.reviewer).action_approve()
        reg.lead_id.write({"user_id": self.salesman.id})
        self.env.invalidate_all()
        lead_of_reg = reg.lead_id.with_user(self.salesman)
        lead_of_reg.write({"stage_id": self.stage_next.id})
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.salesman)
            .with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
            .create({"name": "convert", "action": "nothing"})
        )
        wizard.action_apply()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(reg.state, "approved")

    def test_salesperson_creates_lead_routed_to_a_partner(self):
        territory = self.env["prm.territory"].create(
            {"name": "Core hooks VN", "country_ids": [Command.set(self.country_vn.ids)]}
        )
        self.partner_a.prm_territory_ids = territory
        self.company.prm_auto_route_leads = True
        self.env.invalidate_all()
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Routed from the pipeline",
                    "country_id": self.country_vn.id,
                    "user_id": self.salesman.id,
                }
            )
        )
        self.assertEqual(lead.prm_partner_id, self.partner_a)
        self.assertEqual(lead.prm_acceptance, "offered")

    def test_crm_lead_form_opens_for_salespeople(self):
        reg = self._approved_registration()
        for user in (self.salesman, self.sales_manager):
            lead = reg.lead_id.with_user(user)
            views = lead.get_views(
                [(False, "form"), (False, "list"), (False, "kanban")]
            )
            for view_type, view in views["views"].items():
                names = set(re.findall(r'<field name="(\w+)"', view["arch"]))
                names &= set(lead._fields)
                self.assertNotIn("prm_registration_ids", names, view_type)
                values = lead.web_read({name: {} for name in names})
                self.assertEqual(values[0]["id"], lead.id)
