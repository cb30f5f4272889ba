# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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

    def _check_claim_open(self, claims):
        if not self.env.su and claims.filtered(lambda c: c.state != "submitted"):
            raise UserError(
                self.env._("The expenses of a decided claim cannot be changed.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        claim_ids = [vals.get("claim_id") for vals in vals_list if vals.get("claim_id")]
        self._check_claim_open(self.env["prm.fund.claim"].browse(claim_ids))
        return super().create(vals_list)

    def write(self, vals):
        self._check_claim_open(self.claim_id)
        return super().write(vals)

    def unlink(self):
        self._check_claim_open(self.claim_id)
        return super().unlink()
