# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PrmBusinessPlan(models.Model):
    _name = "prm.business.plan"
    _inherit = ["prm.business.plan", "portal.mixin"]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for plan in self:
            plan.access_url = f"/my/plans/{plan.id}"
        return result
