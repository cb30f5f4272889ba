# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..logic import satisfaction

#: Answers older than this no longer count in the partner's scores.
SCORE_WINDOW_MONTHS = 12


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    prm_partner_id = fields.Many2one(
        "res.partner",
        string="Rated Channel Partner",
        index="btree_not_null",
        readonly=True,
        help="The channel partner this satisfaction answer is about.",
    )
    prm_lead_id = fields.Many2one(
        "crm.lead",
        string="Won Deal",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
    )
    prm_feedback_kind = fields.Selection(
        related="survey_id.prm_feedback_kind", store=True
    )

    def _mark_done(self):
        result = super()._mark_done()
        finished = self.filtered(
            lambda answer: answer.partner_id and not answer.test_entry
        )
        if finished:
            self.env["prm.training.progress"]._prm_refresh_for(
                finished.partner_id, surveys=finished.survey_id
            )
        rated = self.filtered(lambda a: a.prm_partner_id and not a.test_entry)
        if rated:
            self._prm_rollup_satisfaction(rated.prm_partner_id)
        return result

    @api.model
    def _prm_rollup_satisfaction(self, partners, today=None):
        """Store the NPS and the CSAT of ``partners`` from the scale answers
        of the last twelve months: three queries and one update for all."""
        today = today or fields.Date.context_today(self)
        since = fields.Datetime.to_datetime(
            today - relativedelta(months=SCORE_WINDOW_MONTHS)
        )
        answers = self.sudo().search_fetch(
            [
                ("prm_partner_id", "in", partners.ids),
                ("prm_feedback_kind", "!=", False),
                ("state", "=", "done"),
                ("test_entry", "=", False),
                ("create_date", ">=", since),
            ],
            ["prm_partner_id", "prm_feedback_kind"],
        )
        by_answer = {a.id: (a.prm_partner_id.id, a.prm_feedback_kind) for a in answers}
        groups = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [("user_input_id", "in", answers.ids), ("answer_type", "=", "scale")],
                ["user_input_id", "question_id", "value_scale"],
                ["__count"],
            )
        )
        counts = defaultdict(lambda: defaultdict(int))
        scales = {}
        for answer, question, value, count in groups:
            key = by_answer[answer.id]
            counts[key][value] += count
            scales[key] = (question.scale_min, question.scale_max)
        for partner in partners.sudo():
            nps_counts = counts.get((partner.id, "partner"), {})
            csat_counts = counts.get((partner.id, "customer"), {})
            scale = scales.get((partner.id, "customer"), (1, 5))
            partner.prm_nps = satisfaction.nps(nps_counts) or 0.0
            partner.prm_nps_count = sum(nps_counts.values())
            partner.prm_csat = satisfaction.csat(csat_counts, *scale) or 0.0
            partner.prm_csat_count = sum(csat_counts.values())
