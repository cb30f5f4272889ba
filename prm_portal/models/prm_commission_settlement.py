# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PrmCommissionSettlement(models.Model):
    _inherit = "prm.commission.settlement"

    def _get_report_base_filename(self):
        """Name of the statement PDF the portal sends (``_show_report``)."""
        self.ensure_one()
        return self.env._("Commission Statement %(name)s", name=self.name)
