# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailingContact(models.Model):
    _inherit = "mailing.contact"

    prm_partner_id = fields.Many2one(
        "res.partner",
        string="Partner Contact",
        index="btree_not_null",
        ondelete="set null",
        help="The partner contact a newsletter segment subscribed.",
    )
