# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PrmAgreement(models.Model):
    _name = "prm.agreement"
    _inherit = ["prm.agreement", "portal.mixin"]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for agreement in self:
            agreement.access_url = f"/my/agreements/{agreement.id}"
        return result

    def _prm_portal_can_sign(self):
        self.ensure_one()
        return self.state in ("draft", "sent")

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Agreement %(name)s", name=self.name)
