# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError


class PrmVendorBillMixin(models.AbstractModel):
    """A partner money document paid by a vendor bill (commission
    settlements, fund claims): the bill, its payment status and the code
    that drafts it."""

    _name = "prm.vendor.bill.mixin"
    _description = "PRM Document Paid by a Vendor Bill"

    invoice_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        readonly=True,
        copy=False,
        check_company=True,
        ondelete="set null",
    )
    invoice_payment_state = fields.Selection(
        related="invoice_id.payment_state", string="Bill Payment Status"
    )

    def _prm_purchase_journal(self):
        """The company's commission journal, else its first purchase journal."""
        company = self.company_id
        journal = company.prm_commission_journal_id or self.env[
            "account.journal"
        ].sudo().search(
            [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
        )
        if not journal:
            raise UserError(
                self.env._(
                    "No purchase journal found for %(company)s.", company=company.name
                )
            )
        return journal

    def _prm_create_vendor_bill(self, move_type, line_vals):
        """Draft vendor bill of one untaxed line to the document's partner;
        PRM managers prepare it, accountants post and pay it."""
        self.ensure_one()
        company = self.company_id
        journal = self._prm_purchase_journal()
        bill = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": self.partner_id.id,
                    "currency_id": self.currency_id.id,
                    "journal_id": journal.id,
                    "company_id": company.id,
                    "invoice_date": fields.Date.context_today(self),
                    "ref": self.name,
                    "invoice_line_ids": [
                        Command.create(
                            dict(line_vals, quantity=1.0, tax_ids=[Command.clear()])
                        )
                    ],
                }
            )
        )
        return bill

    def _prm_post_bill_created(self, bill):
        self.message_post(
            body=self.env._("Vendor bill %(bill)s created.", bill=bill.display_name)
        )
