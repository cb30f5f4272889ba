# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .prm_business_plan import STATUS_SELECTION


class PrmBusinessReviewLine(models.Model):
    """A KPI of the plan as it stood on the day of the review."""

    _name = "prm.business.review.line"
    _description = "Business Review KPI"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one(
        "prm.business.review", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(selection="_selection_kind", required=True)
    goal = fields.Float(aggregator="sum")
    actual = fields.Float(aggregator="sum")
    achievement = fields.Float(string="Achievement (%)", aggregator="avg")
    status = fields.Selection(STATUS_SELECTION)
    partner_id = fields.Many2one(
        related="review_id.partner_id", store=True, string="Partner"
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    date = fields.Date(related="review_id.date", store=True)

    @api.model
    def _selection_kind(self):
        # the kinds of the plan KPIs, those other addons add included
        return self.env["prm.business.plan.kpi"]._fields["kind"].selection
