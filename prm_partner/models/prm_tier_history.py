# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PrmTierHistory(models.Model):
    _name = "prm.tier.history"
    _description = "Partner Tier History"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Company of the partner when the change happened.",
    )
    old_tier_id = fields.Many2one("prm.tier", ondelete="restrict")
    new_tier_id = fields.Many2one("prm.tier", ondelete="restrict")
    old_rank = fields.Integer()
    new_rank = fields.Integer()
    change = fields.Selection(
        [
            ("promotion", "Promotion"),
            ("demotion", "Demotion"),
            ("warning", "Demotion Warning"),
            ("lock", "Lock"),
            ("manual", "Manual Change"),
        ],
        required=True,
        default="manual",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user
    )
    reason = fields.Text()
    metrics = fields.Text(help="Snapshot of the metrics behind the change (JSON).")

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Tier history is an audit trail and is never deleted.")
        )
