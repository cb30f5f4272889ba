# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How an approved fund claim is paid: a vendor bill on the budget's expense
account, or a line in the partner's draft commission settlement (a company
setting), and the paid state that follows the bill's payment."""

from odoo import fields, models
from odoo.exceptions import UserError

from .prm_commission_line import PAID_PAYMENT_STATES


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited
class PrmFundClaim(models.Model):
    _inherit = "prm.fund.claim"

    def _prm_pay(self):
        """A line in the partner's draft commission settlement when the
        company pays the claims that way and one is open; a vendor bill
        otherwise."""
        self.ensure_one()
        if self.company_id.prm_fund_payment == "settlement":
            settlement = (
                self.env["prm.commission.settlement"]
                .sudo()
                .search(
                    [
                        ("partner_id", "=", self.partner_id.id),
                        ("company_id", "=", self.company_id.id),
                        ("currency_id", "=", self.currency_id.id),
                        ("state", "=", "draft"),
                    ],
                    order="date_to desc, id desc",
                    limit=1,
                )
            )
            if settlement:
                return self._prm_add_to_settlement(settlement)
        return self._prm_create_bill()

    def _prm_add_to_settlement(self, settlement):
        self.ensure_one()
        label = self.env._(
            "Market development funds %(claim)s (%(request)s)",
            claim=self.name,
            request=self.request_id.name,
        )
        line = (
            self.env["prm.commission.line"]
            .sudo()
            .with_context(prm_commission_settling=True)
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "currency_id": self.currency_id.id,
                    "kind": "fund",
                    "source_key": f"fund-claim:{self.id}",
                    "date": fields.Date.context_today(self),
                    "base_amount": self.amount_claimed,
                    "rate": self.participation_rate,
                    "amount": self.amount_approved,
                    "explanation": label,
                    "state": "settled",
                    "settlement_id": settlement.id,
                }
            )
        )
        self.sudo().commission_line_id = line
        self.message_post(
            body=self.env._(
                "Added to the commission settlement %(settlement)s.",
                settlement=settlement.display_name,
            )
        )
        return line

    def _prm_create_bill(self):
        """Draft vendor bill of the approved amount on the fund's expense
        account; accountants post and pay it."""
        self.ensure_one()
        account = self.budget_id.expense_account_id
        if not account:
            raise UserError(
                self.env._(
                    "Set an expense account on the budget %(budget)s first.",
                    budget=self.budget_id.display_name,
                )
            )
        bill = self._prm_create_vendor_bill(
            "in_invoice",
            {
                "name": self.env._(
                    "Market development funds %(claim)s (%(request)s)",
                    claim=self.name,
                    request=self.request_id.name,
                ),
                "account_id": account.id,
                "price_unit": self.amount_approved,
            },
        )
        self.sudo().invoice_id = bill
        self._prm_post_bill_created(bill)
        return bill

    def action_view_bill(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        action.update(
            {
                "views": [(False, "form")],
                "res_id": self.invoice_id.id,
                "view_mode": "form",
            }
        )
        return action

    def _prm_sync_payment_state(self):
        """Paid when the vendor bill (or the settlement) is paid, back to
        approved when it is not."""
        for claim in self.sudo():
            if claim.commission_line_id:
                paid = claim.commission_line_id.settlement_id.state == "paid"
            else:
                paid = claim.invoice_id.payment_state in PAID_PAYMENT_STATES
            if claim.state == "approved" and paid:
                claim.state = "paid"
            elif claim.state == "paid" and not paid:
                claim.state = "approved"
