# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmTrainingEnrollment(models.Model):
    _inherit = "prm.training.enrollment"

    reason = fields.Selection(
        selection_add=[("portal", "Enrolled on the Portal")],
        ondelete={"portal": "set default"},
    )
