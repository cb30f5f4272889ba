# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    prm_commission_max_rate = fields.Float(
        related="company_id.prm_commission_max_rate", readonly=False
    )
    prm_commission_product_id = fields.Many2one(
        related="company_id.prm_commission_product_id", readonly=False
    )
    prm_fund_payment = fields.Selection(
        related="company_id.prm_fund_payment", readonly=False
    )
    prm_commission_journal_id = fields.Many2one(
        related="company_id.prm_commission_journal_id", readonly=False
    )
    prm_commission_queue_threshold = fields.Integer(
        string="Commission Queue Threshold",
        config_parameter="prm_commission.queue_threshold",
        default=20,
        help="When more orders than this are confirmed at once (an import, a "
        "script), their commission lines are computed in the background within "
        "seconds instead of during the confirmation.",
    )

    @api.constrains("prm_commission_queue_threshold")
    def _check_prm_commission_queue_threshold(self):
        if any(settings.prm_commission_queue_threshold < 0 for settings in self):
            raise ValidationError(
                self.env._(
                    "The commission queue threshold is a number of orders: 0 "
                    "or more (0 queues every confirmation)."
                )
            )
