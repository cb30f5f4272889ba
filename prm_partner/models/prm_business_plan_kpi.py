# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A KPI of a business plan: a goal and its actual, stored so that pivot and
graph views group them, refreshed by a cron and on demand through the one
computation targets use (``res.partner._prm_period_actuals``)."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

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
    territory_id = fields.Many2one(related="plan_id.territory_id", store=True)

    _sql_constraints = [
        ("kind_uniq", "unique(plan_id, kind)", "A plan has one KPI of each kind."),
    ]

    def init(self):
        # every refresh rewrites every row: half-empty pages let PostgreSQL
        # update them in place (HOT), without touching the indexes
        self.env.cr.execute("ALTER TABLE prm_business_plan_kpi SET (fillfactor = 50)")

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
        """Store the actual, achievement and status of the KPIs of the plans
        of ``self`` at once: one computation per (company, kind, period), then
        one UPDATE per table for all rows (not the ORM's write per record: at
        10,000 plans the writes would cost far more than the figures)."""
        if not self:
            return
        self.env.flush_all()
        cr = self.env.cr
        # plain rows, not records: at 10,000 plans reading 40,000 KPIs
        # through the ORM costs more than the figures themselves
        cr.execute(
            SQL(
                """SELECT k.id, k.plan_id, k.kind, k.goal, p.partner_id,
                          p.company_id, p.date_from, p.date_to
                     FROM prm_business_plan_kpi k
                     JOIN prm_business_plan p ON p.id = k.plan_id
                    WHERE k.plan_id IN (SELECT plan_id FROM prm_business_plan_kpi
                                         WHERE id = ANY(%s))""",
                self.ids,
            )
        )
        kpis = cr.fetchall()
        values = self.env["res.partner"]._prm_kpi_actuals(
            (kpi_id, partner_id, kind, date_from, date_to, company_id)
            for kpi_id, __, kind, __, partner_id, company_id, date_from, date_to in kpis
            if date_from and date_to
        )
        today = fields.Date.context_today(self)
        rows = ([], [], [], [])
        by_plan = defaultdict(list)
        for kpi_id, plan_id, __, goal, __, __, date_from, date_to in kpis:
            actual = values.get(kpi_id, 0.0)
            percent, status = (
                plan_rules.kpi_status(actual, goal, today, date_from, date_to)
                if date_from and date_to
                else (0.0, False)
            )
            for column, value in zip(
                rows, (kpi_id, actual, percent, status or None), strict=True
            ):
                column.append(value)
            by_plan[plan_id].append((percent, status))
        now = fields.Datetime.now()
        # one statement per table whatever the number of rows: the columns
        # go as arrays, unnested on the server
        cr.execute(
            SQL(
                """UPDATE prm_business_plan_kpi k
                      SET actual = v.actual, achievement = v.achievement,
                          status = v.status, refreshed_on = %s, write_date = %s,
                          write_uid = %s
                     FROM unnest(%s::int4[], %s::float8[], %s::float8[],
                                 %s::varchar[]) AS v(id, actual, achievement, status)
                    WHERE k.id = v.id""",
                now,
                now,
                self.env.uid,
                *rows,
            )
        )
        plans = ([], [], [])
        for plan_id, lines in by_plan.items():
            plans[0].append(plan_id)
            plans[1].append(plan_rules.plan_status([s for __, s in lines]) or None)
            plans[2].append(sum(min(p, 100.0) for p, __ in lines) / len(lines))
        cr.execute(
            SQL(
                """UPDATE prm_business_plan p
                      SET status = v.status, achievement = v.achievement
                     FROM unnest(%s::int4[], %s::varchar[], %s::float8[])
                          AS v(id, status, achievement)
                    WHERE p.id = v.id""",
                *plans,
            )
        )
        self.invalidate_model(
            [
                "actual",
                "achievement",
                "status",
                "refreshed_on",
                "write_date",
                "write_uid",
            ]
        )
        self.env["prm.business.plan"].invalidate_model(["status", "achievement"])

    @api.model
    def _cron_refresh_actuals(self):
        self.search([("state", "in", ("draft", "agreed"))])._prm_refresh_actuals()
