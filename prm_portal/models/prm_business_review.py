# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PrmBusinessReview(models.Model):
    _name = "prm.business.review"
    _inherit = ["prm.business.review", "portal.mixin"]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for review in self:
            review.access_url = f"/my/reviews/{review.id}"
        return result
