# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PrmCertification(models.Model):
    _inherit = "prm.certification"

    def _get_report_base_filename(self):
        """Name of the certificate PDF the portal sends (``_show_report``)."""
        self.ensure_one()
        return self.env._(
            "Certificate %(name)s", name=self.verification_code or self.name
        )
