# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PrmCertificationType(models.Model):
    _name = "prm.certification.type"
    _description = "Certification Type"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    description = fields.Html(translate=True)
    validity_months = fields.Integer(
        string="Validity (months)",
        default=12,
        help="How long a certification stays valid; 0 means forever.",
    )
    scope = fields.Selection(
        [("company", "Partner Company"), ("contact", "Individual Contact")],
        required=True,
        default="contact",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.constrains("validity_months")
    def _check_validity_months(self):
        if any(ctype.validity_months < 0 for ctype in self):
            raise ValidationError(self.env._("The validity cannot be negative."))
