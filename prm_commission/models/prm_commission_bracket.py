# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PrmCommissionBracket(models.Model):
    _name = "prm.commission.bracket"
    _inherit = ["prm.commission.plan.part"]
    _description = "Commission Bracket"
    _order = "rule_id, amount_from, id"

    rule_id = fields.Many2one(
        "prm.commission.rule", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="rule_id.company_id", store=True)
    currency_id = fields.Many2one(related="rule_id.currency_id")
    amount_from = fields.Monetary(
        string="From",
        currency_field="currency_id",
        help="Cumulative untaxed sales of the partner in the plan period.",
    )
    amount_to = fields.Monetary(
        string="To", currency_field="currency_id", help="0 means no upper limit."
    )
    rate = fields.Float(string="Rate (%)", digits=(16, 4), required=True)

    def _prm_plan(self):
        return self.rule_id.plan_id

    @api.constrains("amount_from", "amount_to", "rate", "rule_id")
    def _check_brackets(self):
        self.rule_id._check_rule_values()
