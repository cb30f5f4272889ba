# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may move tiers, stages and pipeline: partners never, PRM users for the
routine, PRM managers for the decisions; context keys authorise nothing."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestTrustBoundary(PrmPartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.salesman = new_test_user(
            cls.env,
            login="prm_tb_salesman",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
            **company_values,
        )
        cls.partner = cls._prm_partner("Trusty Co", prm_stage="active")
        cls.contact = cls.env["res.partner"].create(
            {"name": "Trusty Contact", "parent_id": cls.partner.id}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="prm_tb_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            **company_values,
        )

    # Tier evaluation

    @freeze_time("2026-05-01")
    def test_partner_cannot_evaluate_its_own_tier(self):
        self._sell(self.partner, 1500, date(2026, 3, 1))
        self._win(self.partner, date(2026, 3, 1))
        with self.assertRaises(AccessError):
            self.partner.with_user(self.portal_user).action_prm_evaluate_tier()
        with self.assertRaises(AccessError):
            self.partner.with_user(self.salesman).action_prm_evaluate_tier()
        self.assertFalse(self.partner.prm_tier_id)
        # PRM users evaluate: the program's rules decide, not the user
        self.partner.with_user(self.user).action_prm_evaluate_tier()
        self.assertEqual(self.partner.prm_tier_id, self.tier_silver)

    @freeze_time("2026-05-01")
    def test_win_reported_by_the_partner_counts_once_backed(self):
        self._sell(self.partner, 1500, date(2026, 3, 1))
        lead = self._win(self.partner, date(2026, 3, 1))
        lead.prm_win_reported = True
        won = self.partner._prm_won_deals_since(date(2026, 1, 1), company=self.company)
        self.assertEqual(won.get(self.partner.id, 0), 0)
        self.partner._prm_evaluate_tiers()
        self.assertEqual(self.partner.prm_tier_id, self.tier_registered)
        with self.assertRaises(AccessError):
            lead.with_user(self.portal_user).action_prm_confirm_win()
        lead.with_user(self.user).action_prm_confirm_win()
        self.assertEqual(lead.prm_win_confirmed_by_id, self.user)
        won = self.partner._prm_won_deals_since(date(2026, 1, 1), company=self.company)
        self.assertEqual(won[self.partner.id], 1)
        self.partner._prm_evaluate_tiers()
        self.assertEqual(self.partner.prm_tier_id, self.tier_silver)

    @freeze_time("2026-05-01")
    def test_reported_win_backed_by_a_confirmed_order(self):
        lead = self._win(self.partner, date(2026, 3, 1))
        lead.prm_win_reported = True
        order = self._sell(self.partner, 100, date(2026, 3, 2))
        won = self.partner._prm_won_deals_since(date(2026, 1, 1), company=self.company)
        self.assertEqual(won.get(self.partner.id, 0), 0)
        order.opportunity_id = lead
        won = self.partner._prm_won_deals_since(date(2026, 1, 1), company=self.company)
        self.assertEqual(won[self.partner.id], 1)
        # reopened by the vendor: the partner's report is forgotten
        lead.stage_id = self.open_stage
        self.assertFalse(lead.prm_win_reported)

    # Manual changes of tiers and program fields

    def test_context_keys_do_not_authorise(self):
        with self.assertRaises(AccessError):
            self.partner.with_user(self.user).with_context(
                prm_tier_evaluation=True
            ).write({"prm_tier_id": self.tier_gold.id})
        self.assertFalse(self.partner.prm_tier_id)
        with self.assertRaises(AccessError):
            self.partner.with_user(self.user).with_context(prm_stage_logged=True).write(
                {"prm_stage": "suspended"}
            )
        self.assertEqual(self.partner.prm_stage, "active")
        # the manager's change goes through the rules and leaves history
        before = len(self.partner.prm_stage_history_ids)
        self.partner.with_user(self.manager).with_context(
            prm_stage_logged=True, prm_stage_reason="late payments"
        ).write({"prm_stage": "suspended"})
        self.assertEqual(self.partner.prm_stage, "suspended")
        history = self.partner.prm_stage_history_ids.sorted("id")
        self.assertEqual(len(history), before + 1)
        self.assertEqual(
            (history[-1].new_stage, history[-1].user_id, history[-1].reason),
            ("suspended", self.manager, "late payments"),
        )

    def test_program_write_marker_needs_superuser(self):
        """The marker of the internal program writes authorises nothing: a
        PRM user sending it is still refused, and a manager's change made
        with it is still logged as a hand change."""
        with self.assertRaises(AccessError):
            self.partner.with_user(self.user).with_context(
                prm_program_write=True
            ).write({"prm_tier_id": self.tier_gold.id})
        self.assertFalse(self.partner.prm_tier_id)
        self.partner.with_user(self.manager).with_context(prm_program_write=True).write(
            {"prm_tier_id": self.tier_silver.id}
        )
        history = self.partner.prm_tier_history_ids
        self.assertEqual(
            (history.change, history.new_tier_id), ("manual", self.tier_silver)
        )
        partner_c = self.partner.with_company(self.company)
        self.assertEqual(partner_c.property_product_pricelist, self.pricelist_silver)

    def test_program_fields_by_role(self):
        # a salesperson who may edit contacts does not run the partner program
        for vals in (
            {"prm_partner_type": "distributor"},
            {"prm_is_partner": False},
            {"prm_max_open_leads": 3},
        ):
            with self.assertRaises(AccessError):
                self.partner.with_user(self.salesman).write(vals)
        self.partner.with_user(self.salesman).write({"phone": "+84 28 1234 5678"})
        # PRM users work the routing, managers the tier
        self.partner.with_user(self.user).write({"prm_max_open_leads": 3})
        for vals in (
            {"prm_tier_locked": True, "prm_tier_lock_reason": "strategic"},
            {"prm_tier_demotion_date": "2030-01-01"},
            {"prm_partner_since": "2020-01-01"},
        ):
            with self.assertRaises(AccessError):
                self.partner.with_user(self.user).write(vals)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.user).create(
                {
                    "name": "Born Gold",
                    "is_company": True,
                    "prm_is_partner": True,
                    "prm_tier_id": self.tier_gold.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.user).create(
                {"name": "Born active", "prm_is_partner": True, "prm_stage": "active"}
            )

    def test_a_duplicate_starts_as_a_prospect_without_tier(self):
        self.partner.prm_tier_id = self.tier_gold
        copy = self.partner.with_user(self.salesman).copy()
        self.assertTrue(copy.prm_is_partner)
        self.assertEqual(copy.prm_stage, "prospect")
        self.assertFalse(copy.prm_tier_id)
        self.assertFalse(copy.prm_partner_since)

    def test_portal_user_reads_no_internal_program_field(self):
        partner = self.partner.with_user(self.portal_user)
        self.assertEqual(partner.read(["name"])[0]["name"], "Trusty Co")
        for name in (
            "prm_tier_lock_reason",
            "prm_tier_locked",
            "prm_max_open_leads",
            "prm_stage_history_ids",
            "prm_tier_history_ids",
        ):
            with self.assertRaises(AccessError, msg=name):
                partner.read([name])

    def test_end_customer_reads_no_channel_field_of_its_order(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "prm_partner_id": self.partner.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "price_unit": 10})
                ],
            }
        )
        order.action_confirm()
        order_as_customer = order.with_user(self.portal_user)
        self.assertEqual(order_as_customer.read(["name"])[0]["name"], order.name)
        for name in ("prm_partner_id", "prm_tier_id"):
            with self.assertRaises(AccessError, msg=name):
                order_as_customer.read([name])

    # Lifecycle

    def test_one_rule_for_stage_wizard_and_kanban(self):
        applicant = self._prm_partner("Applicant Co", prm_stage="applicant")
        wizard = (
            self.env["prm.stage.wizard"]
            .with_user(self.user)
            .create(
                {
                    "partner_id": applicant.id,
                    "new_stage": "onboarding",
                    "reason": "looks fine",
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_apply()
        # the kanban writes the stage: same rule
        with self.assertRaises(AccessError):
            applicant.with_user(self.user).write({"prm_stage": "onboarding"})
        self.assertEqual(applicant.prm_stage, "applicant")
        applicant.with_user(self.manager).write({"prm_stage": "onboarding"})
        self.assertEqual(applicant.prm_stage, "onboarding")
        # transitions the lifecycle does not know are refused, even to managers
        with self.assertRaises(UserError):
            applicant.with_user(self.manager).write({"prm_stage": "prospect"})
        # non-PRM staff never change a stage
        with self.assertRaises(AccessError):
            self.partner.with_user(self.salesman).write({"prm_stage": "suspended"})
        self.assertEqual(self.partner.prm_stage, "active")

    def test_history_survives_deleting_the_partner(self):
        partner = self._prm_partner("Gone Co")
        self.assertTrue(partner.prm_stage_history_ids)
        with self.assertRaises(UserError):
            partner.unlink()
        self.assertTrue(partner.exists())

    # Tier pricelists

    def test_pricelist_follows_the_current_tier(self):
        partner = self.partner.with_company(self.company)
        partner.with_user(self.manager).prm_tier_id = self.tier_gold
        self.assertEqual(partner.property_product_pricelist, self.pricelist_gold)
        self.assertEqual(
            self.contact.with_company(self.company).property_product_pricelist,
            self.pricelist_gold,
        )
        # demoted to a tier without pricelist: back to the company default
        partner.with_user(self.manager).prm_tier_id = self.tier_registered
        self.assertFalse(partner.specific_property_product_pricelist)
        self.assertNotEqual(partner.property_product_pricelist, self.pricelist_gold)
        self.assertFalse(
            self.contact.with_company(self.company).specific_property_product_pricelist
        )
        # a tier's new pricelist reaches its partners and their contacts
        bronze = self.env["product.pricelist"].create({"name": "PRM Test Bronze"})
        self.tier_registered.with_user(self.manager).pricelist_id = bronze
        self.assertEqual(partner.property_product_pricelist, bronze)
        self.assertEqual(
            self.contact.with_company(self.company).property_product_pricelist, bronze
        )

    def test_tier_pricelists_turn_the_pricelist_feature_on(self):
        group = self.env.ref("product.group_product_pricelist")
        employees = self.env.ref("base.group_user")
        employees._remove_group(group)
        self.assertNotIn(group, employees.implied_ids)
        self.tier_gold.pricelist_id = self.env["product.pricelist"].create(
            {"name": "PRM Test Gold 2"}
        )
        self.assertIn(group, employees.implied_ids)
        self.assertTrue(self.manager.has_group("product.group_product_pricelist"))
        # saving the settings keeps every tier pricelist active
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.group_product_pricelist)
        settings.execute()
        self.assertTrue(self.tier_gold.pricelist_id.active)
        self.assertTrue(self.pricelist_silver.active)
        # and switching the feature off while tiers use it is refused
        with self.assertRaises(UserError):
            self.env["res.config.settings"].create(
                {"group_product_pricelist": False}
            ).execute()
        self.assertTrue(self.pricelist_silver.active)
