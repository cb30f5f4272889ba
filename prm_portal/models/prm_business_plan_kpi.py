# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmBusinessPlanKpi(models.Model):
    _inherit = "prm.business.plan.kpi"

    kind = fields.Selection(
        selection_add=[("registrations", "Registrations Submitted")],
        ondelete={"registrations": "cascade"},
    )
