# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        result = super()._mark_done()
        finished = self.filtered(
            lambda answer: answer.partner_id and not answer.test_entry
        )
        if finished:
            self.env["prm.training.progress"]._prm_refresh_for(
                finished.partner_id, surveys=finished.survey_id
            )
        return result
