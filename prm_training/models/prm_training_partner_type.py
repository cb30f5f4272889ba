# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmTrainingPartnerType(models.Model):
    """A partner type a training program is meant for.

    Mirrors the values of ``res.partner.prm_partner_type`` so that programs can
    target several types through a many2many field.
    """

    _name = "prm.training.partner.type"
    _description = "Training Audience Partner Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical value of the partner type on the partner form.",
    )
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A partner type can only be listed once."),
    ]
