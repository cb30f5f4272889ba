# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Support tickets of channel partners (helpdesk_mgmt): the team and the
response time of the partner's tier, the SLA status, what a ticket may be
linked to, and return requests up to the return transfer."""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import PrmPortalCommon

T0 = datetime(2026, 3, 2, 8, 0, 0)


class SupportCommon(PrmPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["helpdesk.ticket.team"]
        cls.team_gold = Team.create({"name": "Gold partner desk"})
        cls.team_silver = Team.create({"name": "Silver partner desk"})
        cls.tier.write(
            {"prm_support_team_id": cls.team_gold.id, "prm_support_response_hours": 4}
        )
        cls.tier_silver = cls.env["prm.tier"].create(
            {
                "name": "Portal Test Silver",
                "rank": 7320,
                "prm_support_team_id": cls.team_silver.id,
                "prm_support_response_hours": 24,
            }
        )
        cls.partner_b.prm_tier_id = cls.tier_silver
        cls.agent = new_test_user(
            cls.env,
            login="prm_portal_agent",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user",
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Router VN-500", "type": "consu", "list_price": 100.0}
        )

    @classmethod
    def _ticket(cls, contact, create_date=None, **values):
        """A ticket of ``contact``, opened at ``create_date`` when given (the
        transaction's clock patched as Odoo's own tests do)."""
        vals = {"name": "Router does not start", "description": "<p>Help</p>"}
        vals.update(values, partner_id=contact.id)
        if not create_date:
            return cls.env["helpdesk.ticket"].create(vals)
        with (
            freeze_time(create_date),
            patch.object(cls.env.cr, "now", lambda: create_date),
        ):
            ticket = cls.env["helpdesk.ticket"].create(vals)
            ticket.env.flush_all()
        return ticket

    @classmethod
    def _delivered_order(cls, partner, quantity=5.0, products=None):
        """A confirmed order of ``partner`` whose delivery is done."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_uom_qty": quantity})
                    for p in products or cls.product
                ],
            }
        )
        order.action_confirm()
        if "stock.picking" in cls.env:
            for move in order.picking_ids.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            order.picking_ids.button_validate()
        else:
            order.order_line.qty_delivered = quantity
        return order


@tagged("post_install", "-at_install")
class TestSupportTickets(SupportCommon):
    def test_team_and_response_time_of_the_tier(self):
        gold = self._ticket(self.contact_a, create_date=T0)
        silver = self._ticket(self.contact_b, create_date=T0)
        self.assertEqual(gold.prm_tier_id, self.tier)
        self.assertEqual(gold.team_id, self.team_gold)
        self.assertEqual(gold.prm_response_deadline, T0 + timedelta(hours=4))
        self.assertEqual(silver.team_id, self.team_silver)
        self.assertEqual(silver.prm_response_deadline, T0 + timedelta(hours=24))
        # a partner without tier: no commitment
        self.partner_b.prm_tier_id = False
        none = self._ticket(self.contact_b, create_date=T0)
        self.assertFalse(none.prm_response_deadline)
        self.assertEqual(none.prm_sla_status, "none")

    def test_sla_kept_when_the_tier_changes(self):
        ticket = self._ticket(self.contact_a, create_date=T0)
        self.partner_a.prm_tier_id = self.tier_silver
        self.env.flush_all()
        self.assertEqual(ticket.prm_tier_id, self.tier)
        self.assertEqual(ticket.prm_response_deadline, T0 + timedelta(hours=4))

    def test_sla_status(self):
        ticket = self._ticket(self.contact_a, create_date=T0)
        late = self._ticket(self.contact_a, create_date=T0)
        with freeze_time(T0 + timedelta(hours=3)):
            ticket.invalidate_recordset(["prm_sla_status"])
            self.assertEqual(ticket.prm_sla_status, "waiting")
            # neither the partner's own message nor an internal note answers
            ticket.with_user(self.portal_a).message_post(
                body="Any news?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            ticket.with_user(self.agent).message_post(
                body="Checking", message_type="comment", subtype_xmlid="mail.mt_note"
            )
            self.assertFalse(ticket.prm_first_response_date)
            ticket.with_user(self.agent).message_post(
                body="Please reset it",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(ticket.prm_first_response_date, T0 + timedelta(hours=3))
        self.assertEqual(ticket.prm_sla_status, "met")
        self.assertAlmostEqual(ticket.prm_response_hours, 3.0)
        with freeze_time(T0 + timedelta(hours=5)):
            late.invalidate_recordset(["prm_sla_status"])
            self.assertEqual(late.prm_sla_status, "late")
            late.with_user(self.agent).message_post(
                body="Sorry", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(late.prm_sla_status, "missed")

    def test_categories_are_data(self):
        names = {
            xmlid: self.env.ref(f"prm_portal.helpdesk_ticket_category_{xmlid}")
            for xmlid in ("technical", "return", "question")
        }
        self.assertEqual(names["technical"].name, "Technical issue")
        self.assertEqual(names["return"].name, "Return request")
        self.assertEqual(names["question"].name, "Question")
        self.assertTrue(all(c.show_in_portal for c in names.values()))

    def test_links_belong_to_the_partner(self):
        order_b = self._delivered_order(self.partner_b)
        with self.assertRaises(ValidationError):
            self._ticket(self.contact_a, prm_sale_order_id=order_b.id)
        registration_b = self._registration(partner=self.partner_b)
        with self.assertRaises(ValidationError):
            self._ticket(self.contact_a, prm_deal_registration_id=registration_b.id)
        ticket = self._ticket(
            self.contact_b,
            prm_sale_order_id=order_b.id,
            prm_deal_registration_id=registration_b.id,
            prm_product_id=self.product.id,
        )
        self.assertEqual(ticket.prm_sale_order_id, order_b)

    def test_portal_contacts_of_one_partner_only(self):
        colleague = self._prm_portal_user(
            self.partner_a, login="prm_portal_a2", name="Hoa A"
        )
        ticket = self._ticket(self.contact_a)
        # a follower of another partner still does not see it
        ticket.message_subscribe(partner_ids=self.contact_b.ids)
        Ticket = self.env["helpdesk.ticket"]
        self.assertEqual(Ticket.with_user(colleague).search([]), ticket)
        self.assertFalse(Ticket.with_user(self.portal_b).search([]))
        with self.assertRaises(AccessError):
            ticket.with_user(self.portal_b).check_access("read")


@tagged("post_install", "-at_install")
class TestSupportReturns(SupportCommon):
    def _return(self, order, quantity, contact=None):
        return self._ticket(
            contact or self.contact_a,
            name="Return",
            prm_sale_order_id=order.id,
            prm_return_state="requested",
            prm_return_line_ids=[
                Command.create(
                    {"sale_line_id": order.order_line.id, "quantity": quantity}
                )
            ],
        )

    def test_quantities_capped_by_delivered(self):
        order = self._delivered_order(self.partner_a, 5)
        self.assertEqual(order.order_line.qty_delivered, 5)
        with self.assertRaises(ValidationError):
            self._return(order, 6)
        self._return(order, 3)
        # the second request may only ask for what the first left
        with self.assertRaises(ValidationError):
            self._return(order, 3)
        self._return(order, 2)
        with self.assertRaises(ValidationError):
            self._return(order, 0)

    def test_only_the_partners_order(self):
        order_b = self._delivered_order(self.partner_b, 5)
        with self.assertRaises(ValidationError):
            self._ticket(
                self.contact_a,
                prm_return_state="requested",
                prm_return_line_ids=[
                    Command.create(
                        {"sale_line_id": order_b.order_line.id, "quantity": 1}
                    )
                ],
            )

    def test_approval_creates_the_return_picking(self):
        if "stock.return.picking" not in self.env:
            self.skipTest("Inventory is not installed")
        order = self._delivered_order(self.partner_a, 5)
        ticket = self._return(order, 3)
        for user in (self.portal_a, self.salesman, self.prm_user):
            with self.assertRaises(AccessError):
                ticket.with_user(user).action_prm_approve_return()
        ticket.with_user(self.agent).action_prm_approve_return()
        self.assertEqual(ticket.prm_return_state, "approved")
        returns = order.picking_ids.filtered("return_id")
        self.assertEqual(len(returns), 1)
        self.assertEqual(returns.picking_type_code, "incoming")
        self.assertEqual(returns.move_ids.product_uom_qty, 3)
        self.assertEqual(ticket.prm_return_picking_names, returns.name)
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_prm_approve_return()

    def test_refusal_frees_the_quantity(self):
        order = self._delivered_order(self.partner_a, 5)
        ticket = self._return(order, 5)
        with self.assertRaises(AccessError):
            ticket.with_user(self.portal_a).action_prm_refuse_return()
        ticket.with_user(self.agent).action_prm_refuse_return()
        self.assertEqual(ticket.prm_return_state, "refused")
        self._return(order, 5)

    def test_quantity_check_is_batched(self):
        """The cap of the returned quantities costs the same queries for one
        line as for many."""
        products = self.env["product.product"].create(
            [{"name": f"Switch {i}", "type": "consu"} for i in range(6)]
        )
        order = self._delivered_order(self.partner_a, 2, products)
        tickets = {}
        for size in (1, 6):
            tickets[size] = self._ticket(
                self.contact_a,
                prm_sale_order_id=order.id,
                prm_return_state="requested",
                prm_return_line_ids=[
                    Command.create({"sale_line_id": line.id, "quantity": 1})
                    for line in order.order_line[:size]
                ],
            )
        # plain recordsets: one taken from the ticket's x2many would prefetch
        # through the ticket's cache, which the count empties
        Line = self.env["prm.ticket.return.line"]
        one = Line.browse(tickets[1].prm_return_line_ids.ids)
        many = Line.browse(tickets[6].prm_return_line_ids.ids)
        self.assertEqual(
            self._prm_query_count(one._check_quantity),
            self._prm_query_count(many._check_quantity),
        )
