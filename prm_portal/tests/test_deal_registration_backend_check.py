# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deal registration conflict check run from the backend: "Check
Conflicts" on a lead and on a customer, and the lead routing wizard."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestConflictCheckBackend(PrmPortalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registration = cls._registration(
            customer_name="Công ty TNHH Thép Sao Mai",
            customer_vat="0312345678",
            customer_email="sales@hn.saomai.com.vn",
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Steel for the new plant",
                "partner_name": "Sao Mai Steel Co., Ltd",
                "email_from": "info@saomai.com.vn",
                # a salesperson sees the leads assigned to them
                "user_id": cls.reviewer.id,
            }
        )
        cls.salesman = new_test_user(
            cls.env,
            login="prm_portal_plain_salesman",
            groups="sales_team.group_sale_salesman",
        )

    def test_check_conflicts_on_a_lead(self):
        action = self.lead.with_user(self.reviewer).action_prm_check_conflicts()
        params = action["params"]
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(params["type"], "warning")
        self.assertIn(self.registration.name, params["message"])
        self.assertIn("Same e-mail domain: saomai.com.vn", params["message"])

    def test_check_conflicts_on_a_customer(self):
        customer = self.env["res.partner"].create(
            {"name": "CTCP Thép Sao Mai", "is_company": True, "vat": "0312345678-001"}
        )
        action = customer.with_user(self.reviewer).action_prm_check_conflicts()
        message = action["params"]["message"]
        self.assertIn("Same tax ID: 0312345678", message)
        self.assertIn(self.lead.display_name, message)

    def test_a_customer_alone_has_no_conflict(self):
        customer = self.env["res.partner"].create(
            {"name": "Hoàng Long Foods", "is_company": True}
        )
        action = customer.with_user(self.reviewer).action_prm_check_conflicts()
        self.assertEqual(action["params"]["type"], "success")

    def test_check_needs_a_prm_user(self):
        with self.assertRaises(AccessError):
            self.lead.with_user(self.salesman).action_prm_check_conflicts()

    def test_routing_wizard_shows_conflicts_before_offering(self):
        wizard = (
            self.env["prm.lead.routing.wizard"]
            .with_user(self.reviewer)
            .create({"lead_id": self.lead.id})
        )
        self.assertIn(self.registration.name, wizard.prm_conflict_summary)
        self.assertIn("Same e-mail domain", wizard.prm_conflict_summary)
