# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmFundClaimLine(models.Model):
    _name = "prm.fund.claim.line"
    _description = "Market Development Fund Claim Expense"
    _order = "claim_id, invoice_date, id"

    claim_id = fields.Many2one(
        "prm.fund.claim", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    description = fields.Char(required=True)
    amount = fields.Monetary(required=True)
    invoice_date = fields.Date()

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "An expense must be positive."),
    ]
