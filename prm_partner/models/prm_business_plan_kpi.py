# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A KPI of a business plan: a goal and its actual, stored so that pivot and
graph views group them, refreshed by a cron and on demand through the one
computation targets use (``res.partner._prm_period_actuals``)."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..logic import plans as plan_rules
from .prm_business_plan import STATUS_SELECTION


class PrmBusinessPlanKpi(models.Model):
    _name = "prm.business.plan.kpi"
    _description = "Business Plan KPI"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one(
        "prm.business.plan", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("revenue", "Revenue"),
            ("won_deals", "Won Deals"),
            ("new_customers", "New Customers"),
            ("certified_contacts", "Certified Contacts"),
            ("customer_satisfaction", "Customer Satisfaction (%)"),
        ],
        required=True,
        default="revenue",
    )
    goal = fields.Float(required=True, aggregator="sum")
    actual = fields.Float(readonly=True, copy=False, aggregator="sum")
    refreshed_on = fields.Datetime(readonly=True, copy=False)
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_status",
        store=True,
        aggregator="avg",
    )
    status = fields.Selection(STATUS_SELECTION, compute="_compute_status", store=True)
    partner_id = fields.Many2one(
        related="plan_id.partner_id", store=True, index=True, string="Partner"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    date_from = fields.Date(related="plan_id.date_from", store=True)
    date_to = fields.Date(related="plan_id.date_to", store=True)
    period_type = fields.Selection(related="plan_id.period_type", store=True)
    state = fields.Selection(related="plan_id.state", store=True, string="Plan Status")
    prm_tier_id = fields.Many2one(related="plan_id.prm_tier_id", store=True)
    user_id = fields.Many2one(
        related="plan_id.user_id", store=True, string="Partner Manager"
    )

    _sql_constraints = [
        ("kind_uniq", "unique(plan_id, kind)", "A plan has one KPI of each kind."),
    ]

    @api.depends("actual", "goal", "refreshed_on", "date_from", "date_to")
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for kpi in self:
            if not (kpi.date_from and kpi.date_to):
                kpi.achievement, kpi.status = 0.0, False
                continue
            kpi.achievement, kpi.status = plan_rules.kpi_status(
                kpi.actual, kpi.goal, today, kpi.date_from, kpi.date_to
            )

    @api.constrains("goal")
    def _check_goal(self):
        if any(kpi.goal < 0 for kpi in self):
            raise ValidationError(self.env._("A KPI goal cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        kpis = super().create(vals_list)
        kpis._check_plan_draft()
        kpis._prm_refresh_actuals()
        return kpis

    def write(self, vals):
        if {"goal", "kind", "plan_id"} & set(vals):
            self._check_plan_draft()
        result = super().write(vals)
        if {"kind", "plan_id"} & set(vals):
            self._prm_refresh_actuals()
        return result

    def _check_plan_draft(self):
        if self.env.su:
            return
        if any(kpi.plan_id.state != "draft" for kpi in self):
            raise UserError(
                self.env._(
                    "The KPIs of an agreed or closed plan cannot change: set "
                    "the plan back to draft first."
                )
            )

    def _prm_refresh_actuals(self):
        """Store the actual of every KPI in ``self`` at once: one computation
        per (company, kind, period), one batched update."""
        if not self:
            return
        kpis = self.sudo().search_fetch(
            [("id", "in", self.ids)],
            ["kind", "partner_id", "company_id", "date_from", "date_to"],
        )
        values = self.env["res.partner"]._prm_kpi_actuals(
            (
                kpi.id,
                kpi.partner_id,
                kpi.kind,
                kpi.date_from,
                kpi.date_to,
                kpi.company_id,
            )
            for kpi in kpis
        )
        now = fields.Datetime.now()
        for kpi in kpis:
            # assigned, not written: the flush sends one UPDATE for all
            kpi.actual = values.get(kpi.id, 0.0)
            kpi.refreshed_on = now

    @api.model
    def _cron_refresh_actuals(self):
        self.search([("state", "in", ("draft", "agreed"))])._prm_refresh_actuals()
