# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestLeadRouting(PrmPartnerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vn = cls.env.ref("base.vn")
        cls.state_hn = cls.env["res.country.state"].create(
            {"name": "PRM Hà Nội", "code": "PRMHN", "country_id": cls.vn.id}
        )
        cls.state_hcm = cls.env["res.country.state"].create(
            {"name": "PRM Hồ Chí Minh", "code": "PRMHCM", "country_id": cls.vn.id}
        )
        Territory = cls.env["prm.territory"]
        cls.t_vietnam = Territory.create(
            {"name": "Việt Nam", "country_ids": [(6, 0, cls.vn.ids)]}
        )
        cls.t_north = Territory.create(
            {
                "name": "Miền Bắc",
                "parent_id": cls.t_vietnam.id,
                "state_ids": [(6, 0, cls.state_hn.ids)],
            }
        )
        cls.t_ba_dinh = Territory.create(
            {
                "name": "Ba Đình",
                "parent_id": cls.t_north.id,
                "zip_from": "111000",
                "zip_to": "111999",
            }
        )
        cls.p_country = cls._prm_partner(
            "Country Reseller", prm_stage="prospect", prm_tier_id=cls.tier_gold.id
        )
        cls.p_state = cls._prm_partner("State Reseller", prm_tier_id=cls.tier_silver.id)
        cls.p_zip = cls._prm_partner("Zip Reseller", prm_tier_id=cls.tier_registered.id)
        cls.p_other = cls._prm_partner("Saigon Reseller", prm_tier_id=cls.tier_gold.id)
        cls.p_country.prm_territory_ids = cls.t_vietnam
        cls.p_state.prm_territory_ids = cls.t_north
        cls.p_zip.prm_territory_ids = cls.t_ba_dinh
        cls.t_south = Territory.create(
            {
                "name": "Miền Nam",
                "parent_id": cls.t_vietnam.id,
                "state_ids": [(6, 0, cls.state_hcm.ids)],
            }
        )
        cls.p_other.prm_territory_ids = cls.t_south
        partners = cls.p_country | cls.p_state | cls.p_zip | cls.p_other
        partners.write({"prm_stage": "onboarding"})
        partners.with_context(prm_stage_reason="test")._prm_set_stage("active", "ready")

    def _lead(self, **values):
        vals = {
            "name": "Cần 50 giấy phép",
            "type": "opportunity",
            "country_id": self.vn.id,
            "state_id": self.state_hn.id,
            "zip": "111 500",
        }
        vals.update(values)
        return self.env["crm.lead"].create(vals)

    def test_specificity_zip_over_state_over_country(self):
        lead = self._lead()
        ranked = lead._prm_route_candidates()
        self.assertEqual(
            [partner for partner, _score, _reason in ranked],
            [self.p_zip, self.p_state, self.p_country],
        )
        self.assertIn("111500", ranked[0][2])
        self.assertIn("Ba Đình", ranked[0][2])
        # outside the zip range: state first
        ranked = self._lead(zip="120000")._prm_route_candidates()
        self.assertEqual(ranked[0][0], self.p_state)

    def test_capacity_excludes_full_partner(self):
        self.p_zip.prm_max_open_leads = 1
        self._lead(prm_partner_id=self.p_zip.id, stage_id=self.open_stage.id)
        ranked = self._lead()._prm_route_candidates()
        self.assertNotIn(self.p_zip, [partner for partner, _s, _r in ranked])
        self.assertEqual(ranked[0][0], self.p_state)

    def test_declined_partner_is_never_offered_again(self):
        lead = self._lead()
        lead._prm_assign_partner(self.p_zip, "first choice")
        lead.action_prm_decline()
        self.assertFalse(lead.prm_partner_id)
        self.assertIn(self.p_zip, lead.prm_declined_partner_ids)
        ranked = lead._prm_route_candidates()
        self.assertEqual(ranked[0][0], self.p_state)
        with self.assertRaises(UserError):
            lead._prm_assign_partner(self.p_zip, "again")

    def test_inactive_partners_are_not_candidates(self):
        self.p_zip._prm_set_stage("suspended", "late payments")
        ranked = self._lead()._prm_route_candidates()
        self.assertNotIn(self.p_zip, [partner for partner, _s, _r in ranked])

    def test_wizard_lists_and_assigns_with_log(self):
        lead = self._lead()
        wizard = (
            self.env["prm.lead.routing.wizard"]
            .with_user(self.user)
            .create({"lead_id": lead.id})
        )
        self.assertEqual(wizard.line_ids.sorted("sequence")[0].partner_id, self.p_zip)
        self.assertTrue(all(line.reason for line in wizard.line_ids))
        wizard.action_assign_best()
        self.assertEqual(lead.prm_partner_id, self.p_zip)
        self.assertTrue(lead.prm_routed_on)
        self.assertIn("Ba Đình", lead.prm_routing_reason)
        messages = lead.message_ids.mapped("body")
        self.assertTrue(any("Zip Reseller" in body for body in messages))

    def test_automatic_routing_on_creation(self):
        lead = self._lead()
        self.assertFalse(lead.prm_partner_id)
        self.company.prm_auto_route_leads = True
        lead = self._lead()
        self.assertEqual(lead.prm_partner_id, self.p_zip)

    def test_exclusive_territory_keeps_its_leads(self):
        self.t_north.exclusive = True
        ranked = self._lead()._prm_route_candidates()
        self.assertEqual(
            {partner for partner, _s, _r in ranked}, {self.p_state, self.p_zip}
        )

    def test_round_robin_between_equals(self):
        twin = self._prm_partner("Twin Reseller", prm_tier_id=self.tier_registered.id)
        twin.prm_territory_ids = self.t_ba_dinh
        twin.write({"prm_stage": "onboarding"})
        twin._prm_set_stage("active", "ready")
        first = self._lead()
        first._prm_route_automatically()
        second = self._lead()
        second._prm_route_automatically()
        self.assertEqual(
            {first.prm_partner_id, second.prm_partner_id}, {self.p_zip, twin}
        )

    def test_invalid_zip_range(self):
        with self.assertRaises(ValidationError):
            self.env["prm.territory"].create(
                {"name": "Broken", "zip_from": "700000", "zip_to": "100000"}
            )
        with self.assertRaises(ValidationError):
            self.env["prm.territory"].create({"name": "Half", "zip_from": "700000"})

    def test_batch_routing_shares_leads_between_equals(self):
        twin = self._prm_partner(
            "Twin Batch Reseller", prm_tier_id=self.tier_registered.id
        )
        twin.prm_territory_ids = self.t_ba_dinh
        twin.write({"prm_stage": "onboarding"})
        twin._prm_set_stage("active", "ready")
        self.company.prm_auto_route_leads = True
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Batch lead {index}",
                    "country_id": self.vn.id,
                    "state_id": self.state_hn.id,
                    "zip": "111200",
                }
                for index in range(4)
            ]
        )
        assigned = leads.mapped("prm_partner_id")
        self.assertEqual(assigned, self.p_zip | twin)
        self.assertEqual(
            len(leads.filtered_domain([("prm_partner_id", "=", twin.id)])), 2
        )
        self.assertTrue(all(lead.prm_routing_reason for lead in leads))
