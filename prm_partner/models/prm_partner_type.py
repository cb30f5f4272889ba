# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmPartnerType(models.Model):
    """One value of ``res.partner.prm_partner_type`` as a record, so that a
    budget (or any other rule) can name several partner types at once."""

    _name = "prm.partner.type"
    _description = "Channel Partner Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical value of the partner type on the partner form.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A partner type can only be listed once."),
    ]
