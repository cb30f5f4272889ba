# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    prm_commission_max_rate = fields.Float(
        string="Maximum Commission Rate (%)",
        help="Commission rules and brackets of this company cannot pay a higher "
        "percentage. 0 means no maximum.",
    )
    prm_commission_product_id = fields.Many2one(
        "product.product",
        string="Commission Expense Product",
        help="Product used on the vendor bills created from commission settlements.",
    )
    prm_fund_payment = fields.Selection(
        [("bill", "Vendor Bill"), ("settlement", "Commission Settlement")],
        string="Pay Fund Claims With",
        default="bill",
        required=True,
        help="Approved fund claims get their own vendor bill, or a line in the "
        "partner's draft commission settlement (a bill when it has none).",
    )
    prm_commission_journal_id = fields.Many2one(
        "account.journal",
        string="Commission Journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
        help="Purchase journal of the vendor bills created from commission "
        "settlements. The default purchase journal is used when empty.",
    )

    @api.constrains("prm_commission_max_rate")
    def _check_prm_commission_max_rate(self):
        for company in self:
            if not 0 <= company.prm_commission_max_rate <= 100:
                raise ValidationError(
                    self.env._(
                        "The maximum commission rate must be between 0 and 100%."
                    )
                )
        rules = self.env["prm.commission.rule"].search([("company_id", "in", self.ids)])
        rules._check_rule_values()
