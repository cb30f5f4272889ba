# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailingList(models.Model):
    _inherit = "mailing.list"

    prm_segment_ids = fields.One2many(
        "prm.mailing.segment", "mailing_list_id", string="Partner Segments"
    )

    def action_prm_sync_segment(self):
        self.prm_segment_ids.action_sync()
