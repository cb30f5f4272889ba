# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SlideChannelPartner(models.Model):
    _inherit = "slide.channel.partner"

    def _recompute_completion(self):
        result = super()._recompute_completion()
        if self and not self.env.context.get("prm_training_no_refresh"):
            self.env["prm.training.progress"]._prm_refresh_for(
                self.partner_id, channels=self.channel_id
            )
        return result
