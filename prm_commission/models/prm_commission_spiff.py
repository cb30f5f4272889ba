# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..logic import spiffs


class PrmCommissionSpiff(models.Model):
    _name = "prm.commission.spiff"
    _inherit = ["prm.commission.plan.part"]
    _description = "Commission SPIFF"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    plan_id = fields.Many2one(
        "prm.commission.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    date_to = fields.Date(required=True)
    product_ids = fields.Many2many("product.product", string="Products")
    categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Products of these categories and of their child categories.",
    )
    tier_ids = fields.Many2many(
        "prm.tier",
        string="Tiers",
        check_company=True,
        help="Only partners of these tiers earn the SPIFF. Empty means all tiers.",
    )
    compute_mode = fields.Selection(
        [
            ("fixed_unit", "Fixed Amount per Unit"),
            ("percent_amount", "Percent of Untaxed Amount"),
        ],
        string="Compute",
        required=True,
        default="fixed_unit",
    )
    rate = fields.Float(string="Rate (%)", digits=(16, 4))
    fixed_amount = fields.Monetary(currency_field="currency_id")

    @api.constrains(
        "date_from", "date_to", "rate", "fixed_amount", "product_ids", "categ_ids"
    )
    def _check_spiff(self):
        messages = {
            "unknown_compute": self.env._("Unknown computation."),
            "negative_rate": self.env._("A SPIFF cannot pay a negative amount."),
            "date_range": self.env._("The SPIFF starts after it ends."),
            "no_target": self.env._(
                "Choose the products or product categories of the SPIFF."
            ),
        }
        for spiff in self:
            problems = spiffs.validate_spiff(spiff._prm_to_logic())
            max_rate = spiff.company_id.prm_commission_max_rate
            if spiff.compute_mode == "percent_amount" and max_rate:
                if spiff.rate > max_rate:
                    raise ValidationError(
                        self.env._(
                            "The SPIFF rate %(rate)s%% is above the company maximum "
                            "of %(max)s%%.",
                            rate=spiff.rate,
                            max=max_rate,
                        )
                    )
            if problems:
                raise ValidationError(
                    "\n".join(messages.get(code, code) for code in problems)
                )

    def _prm_to_logic(self):
        self.ensure_one()
        return spiffs.Spiff(
            id=self.id or 0,
            name=self.name or "",
            date_from=self.date_from or None,
            date_to=self.date_to or None,
            product_ids=self.product_ids.ids,
            categ_ids=self.categ_ids.ids,
            tier_ids=self.tier_ids.ids,
            compute=self.compute_mode,
            rate=self.rate,
            fixed_amount=self.fixed_amount,
        )
