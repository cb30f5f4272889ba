# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmAgreementTemplate(models.Model):
    _name = "prm.agreement.template"
    _description = "Partner Agreement Template"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    type_id = fields.Many2one("prm.agreement.type", required=True)
    company_id = fields.Many2one(related="type_id.company_id")
    body = fields.Html(
        translate=True,
        sanitize=False,
        help="Rendered for the partner with the agreement as 'object', e.g. "
        '<t t-out="object.partner_id.name"/>.',
    )
