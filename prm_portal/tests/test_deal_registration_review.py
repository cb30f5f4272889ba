# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import TransactionCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestDealRegistrationReview(PrmPortalCommon, TransactionCase):
    """What the reviewer sees of a conflict between two registrations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls._registration()
        # partner B registers the same customer (same tax ID) afterwards
        cls.second = cls._registration(
            cls.partner_b,
            customer_name="Anh Duong Trading",
            customer_email="buyer@anhduong-trading.example",
            customer_phone=False,
        )

    def test_conflict_is_recorded_on_the_later_registration(self):
        self.assertFalse(self.first.conflict_ids)
        line = self.second.conflict_ids
        self.assertEqual(line.kind, "registration")
        self.assertEqual(line.other_registration_id, self.first)

    def test_both_registrations_show_the_conflict(self):
        first = self.first.with_user(self.reviewer)
        second = self.second.with_user(self.reviewer)
        self.assertEqual(first.conflict_competing_ids, second.conflict_ids)
        self.assertEqual(first.conflict_competing_ids.registration_id, second)
        self.assertEqual(first.conflict_competing_ids.partner_id, self.partner_b)
        self.assertEqual(first.conflict_competing_ids.state, "under_review")
        self.assertTrue(first.conflict_open)
        self.assertTrue(second.conflict_open)

    def test_conflict_closes_when_the_other_is_rejected(self):
        self.second.with_user(self.reviewer).action_reject("Registered by Alpha first")
        first = self.first.with_user(self.reviewer)
        self.assertFalse(first.conflict_competing_ids)
        self.assertFalse(first.conflict_open)

    def test_a_conflict_both_ways_is_listed_once(self):
        self.first.with_user(self.reviewer).action_recheck_conflicts()
        self.assertEqual(self.first.conflict_ids.other_registration_id, self.second)
        self.assertFalse(self.first.conflict_competing_ids)
        self.assertTrue(self.first.conflict_open)

    def test_decided_registration_has_no_open_conflict(self):
        clean = self._registration(
            customer_name="Công ty Bình Minh",
            customer_vat="0309999999",
            customer_email="info@binhminh.example",
            customer_phone=False,
        )
        self.assertFalse(clean.conflict_open)
        self.assertTrue(self.first.conflict_open)
        self.first.with_user(self.reviewer).action_approve()
        self.assertEqual(self.first.state, "approved")
        self.assertFalse(self.first.conflict_open)

    def _form(self):
        view = self.env.ref("prm_portal.prm_deal_registration_view_form")
        arch = (
            self.env["prm.deal.registration"]
            .with_user(self.reviewer)
            .get_view(view.id, "form")["arch"]
        )
        return etree.fromstring(arch)

    def test_form_warns_and_demotes_approve_while_a_conflict_is_open(self):
        form = self._form()
        banner = form.xpath("//sheet/div[hasclass('alert-warning')]")
        self.assertEqual(len(banner), 1)
        self.assertIn("not conflict_open", banner[0].get("invisible"))
        approve = form.xpath("//header/button[@name='action_approve']")
        by_class = {button.get("class"): button for button in approve}
        self.assertEqual(set(by_class), {"btn-primary", "btn-secondary"})
        primary, secondary = by_class["btn-primary"], by_class["btn-secondary"]
        self.assertIn("or conflict_open", primary.get("invisible"))
        self.assertIn("or not conflict_open", secondary.get("invisible"))
        self.assertTrue(secondary.get("confirm"))
        competing = form.xpath("//page[@name='conflicts']/field")
        self.assertEqual(
            [field.get("name") for field in competing],
            ["conflict_score", "conflict_ids", "conflict_competing_ids"],
        )
