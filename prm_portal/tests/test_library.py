# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestLibraryAudience(PrmPortalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Territory = cls.env["prm.territory"]
        cls.vietnam = Territory.create({"name": "Vietnam (library test)"})
        cls.hanoi = Territory.create(
            {"name": "Hanoi (library test)", "parent_id": cls.vietnam.id}
        )
        cls.partner_a.prm_territory_ids = cls.hanoi
        category = cls.env["prm.document.category"].create({"name": "Library test"})
        values = {"category_id": category.id, "kind": "url", "url": "https://x.example"}
        Document = cls.env["prm.document"]
        cls.docs = {
            "all": Document.create(dict(values, name="all")),
            "tier": Document.create(
                dict(
                    values, name="tier", prm_audience="tiers", prm_tier_ids=cls.tier.ids
                )
            ),
            "reseller": Document.create(
                dict(
                    values,
                    name="reseller",
                    prm_audience="types",
                    prm_partner_type="reseller",
                )
            ),
            "distributor": Document.create(
                dict(
                    values,
                    name="distributor",
                    prm_audience="types",
                    prm_partner_type="distributor",
                )
            ),
            "vietnam": Document.create(
                dict(
                    values,
                    name="vietnam",
                    prm_audience="territories",
                    prm_territory_ids=cls.vietnam.ids,
                )
            ),
            "hanoi": Document.create(
                dict(
                    values,
                    name="hanoi",
                    prm_audience="territories",
                    prm_territory_ids=cls.hanoi.ids,
                )
            ),
            "chosen_b": Document.create(
                dict(
                    values,
                    name="chosen_b",
                    prm_audience="partners",
                    prm_partner_ids=cls.partner_b.ids,
                )
            ),
            "empty_tiers": Document.create(
                dict(values, name="empty_tiers", prm_audience="tiers")
            ),
        }

    def _visible(self, user, partner):
        Document = self.env["prm.document"]
        by_rule = Document.with_user(user).search([("id", "in", self._ids())])
        by_domain = Document.search(
            [("id", "in", self._ids())] + Document._prm_audience_domain(partner)
        )
        # the record rule and the controller's explicit check agree
        self.assertEqual(by_rule, by_domain.with_user(user))
        return set(by_domain.mapped("name"))

    def _ids(self):
        return [d.id for d in self.docs.values()]

    def test_audiences(self):
        self.assertEqual(
            self._visible(self.portal_a, self.partner_a),
            {"all", "tier", "reseller", "vietnam", "hanoi"},
        )
        self.assertEqual(
            self._visible(self.portal_b, self.partner_b),
            {"all", "distributor", "chosen_b"},
        )

    def test_non_partner_sees_nothing(self):
        self.partner_a.prm_is_partner = False
        self.assertEqual(self._visible(self.portal_a, self.partner_a), set())
        self.assertFalse(self.docs["all"]._prm_is_visible_to(self.partner_a))

    def test_link_must_be_http(self):
        with self.assertRaises(ValidationError):
            self.docs["all"].url = "javascript:alert(1)"
