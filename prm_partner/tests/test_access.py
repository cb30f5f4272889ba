# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestAccessRights(PrmPartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._prm_partner("Access Co")
        cls.other_company = cls.env["res.company"].create({"name": "PRM Other Vendor"})
        cls.foreign_tier = (
            cls.env["prm.tier"]
            .with_company(cls.other_company)
            .create({"name": "Foreign", "rank": 5, "company_id": cls.other_company.id})
        )

    def test_user_works_partners_but_cannot_configure(self):
        Tier = self.env["prm.tier"].with_user(self.user)
        self.assertTrue(Tier.search([("id", "=", self.tier_gold.id)]))
        with self.assertRaises(AccessError):
            Tier.create({"name": "Diamond", "rank": 40})
        with self.assertRaises(AccessError):
            self.tier_gold.with_user(self.user).write({"min_revenue": 1})
        cert = (
            self.env["prm.certification"]
            .with_user(self.user)
            .create(
                {
                    "partner_id": self.partner.id,
                    "contact_id": self.env["res.partner"]
                    .create({"name": "Tech", "parent_id": self.partner.id})
                    .id,
                    "type_id": self.cert_type.id,
                }
            )
        )
        self.assertEqual(cert.state, "valid")
        with self.assertRaises(AccessError):
            cert.with_user(self.user).unlink()
        agreement = (
            self.env["prm.agreement"]
            .with_user(self.user)
            .create({"partner_id": self.partner.id, "type_id": self.agreement_type.id})
        )
        agreement.action_sign("Signer")
        with self.assertRaises(AccessError):
            self.env["prm.target"].with_user(self.user).create(
                {"partner_id": self.partner.id, "kind": "revenue", "target": 10}
            )

    def test_manager_configures(self):
        tier = (
            self.env["prm.tier"]
            .with_user(self.manager)
            .create({"name": "Diamond", "rank": 40, "min_revenue": 100000})
        )
        self.assertEqual(tier.company_id, self.company)
        target = (
            self.env["prm.target"]
            .with_user(self.manager)
            .create({"partner_id": self.partner.id, "kind": "revenue", "target": 10})
        )
        self.assertTrue(target.exists())

    def test_employee_without_prm_group(self):
        with self.assertRaises(AccessError):
            self.env["prm.certification"].with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            self.env["prm.tier.history"].with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            self.env["prm.agreement"].with_user(self.employee).search([])

    def test_history_read_only_for_everyone(self):
        self.partner.prm_tier_id = self.tier_silver
        history = self.partner.prm_tier_history_ids
        self.assertTrue(history.with_user(self.user).read(["reason"]))
        with self.assertRaises(AccessError):
            history.with_user(self.manager).write({"reason": "rewritten"})

    def test_multi_company_rules(self):
        tiers = self.env["prm.tier"].with_user(self.manager).search([])
        self.assertIn(self.tier_gold, tiers)
        self.assertNotIn(self.foreign_tier, tiers)

    def test_user_restricted_to_own_territories(self):
        territory = self.env["prm.territory"].create(
            {"name": "Mine", "manager_ids": [(6, 0, self.user.ids)]}
        )
        mine = self._prm_partner("Mine Co", prm_territory_ids=[(6, 0, territory.ids)])
        managed = self._prm_partner("Managed Co", prm_manager_id=self.user.id)
        other = self._prm_partner("Other Co")
        Partner = self.env["res.partner"].with_user(self.user)
        domain = [("id", "in", (mine | managed | other).ids)]
        self.assertEqual(Partner.search(domain), mine | managed | other)
        self.user.prm_restrict_to_territories = True
        self.assertEqual(Partner.search(domain), mine | managed)
        contact = self.env["res.partner"].create(
            {"name": "Outside", "parent_id": other.id}
        )
        self.assertFalse(Partner.search([("id", "=", contact.id)]))
        customer = self.env["res.partner"].create({"name": "Plain customer"})
        self.assertTrue(Partner.search([("id", "=", customer.id)]))
        with self.assertRaises(AccessError):
            other.with_user(self.user).read(["name"])

    def test_prm_user_without_sales_rights_opens_partners(self):
        prm_only = new_test_user(
            self.env,
            login="prm_only_user",
            groups="prm_partner.group_prm_user",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        partner = self.partner.with_user(prm_only)
        views = partner.get_views([(False, "form"), (False, "list"), (False, "kanban")])
        self.assertIn("prm_program", views["views"]["form"]["arch"])
        values = partner.read(
            [
                "prm_tier_id",
                "prm_stage",
                "prm_certification_count",
                "prm_agreement_count",
                "prm_lead_count",
                "prm_order_count",
                "prm_target_count",
                "prm_revenue_ytd",
                "prm_open_lead_count",
                "prm_onboarding_progress",
                "prm_certified_contact_count",
            ]
        )
        self.assertEqual(values[0]["prm_lead_count"], 0)
        menus = self.env["ir.ui.menu"].with_user(prm_only).load_menus(debug=False)
        root = self.env.ref("prm_partner.menu_prm_root")
        self.assertIn(root.id, menus)
        self.assertNotIn(self.env.ref("prm_partner.crm_lead_menu_prm").id, menus)
        self.assertNotIn(self.env.ref("prm_partner.prm_tier_menu").id, menus)
