# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PrmAgreementType(models.Model):
    _name = "prm.agreement.type"
    _description = "Partner Agreement Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    default_duration_months = fields.Integer(string="Term (months)", default=12)
    default_renewal_months = fields.Integer(string="Renewal Term (months)", default=12)
    default_notice_days = fields.Integer(string="Notice (days)", default=30)
    default_auto_renew = fields.Boolean(string="Auto-renew")
    template_ids = fields.One2many(
        "prm.agreement.template", "type_id", string="Templates"
    )

    @api.constrains(
        "default_duration_months", "default_renewal_months", "default_notice_days"
    )
    def _check_defaults(self):
        for agreement_type in self:
            if (
                min(
                    agreement_type.default_duration_months,
                    agreement_type.default_renewal_months,
                    agreement_type.default_notice_days,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Terms and notice periods cannot be negative.")
                )
