# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A KPI of a business plan: a goal and its actual, stored so that pivot and
graph views group them, refreshed by a cron and on demand through the one
computation targets use (``res.partner._prm_period_actuals``)."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..logic import plans as plan_rules
from ..logic.pg_arrays import key_array, number_array, value_array
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
    refreshed_on = fields.Datetime(
        string="Changed On",
        readonly=True,
        copy=False,
        help="When a refresh last found new figures for this KPI (a refresh "
        "that finds the same figures leaves the KPI as it is).",
    )
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
        # every refresh rewrites every row: pages filled to 40 % let
        # PostgreSQL update them in place (HOT), without touching the
        # indexes; at 50 % the rows growing from their first figures (NULLs
        # take no room) overflow the page and one in six moves
        self.env.cr.execute("ALTER TABLE prm_business_plan_kpi SET (fillfactor = 40)")

    @api.depends("actual", "goal", "date_from", "date_to")
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
        one UPDATE per table for the rows whose figures changed (not the ORM's
        write per record: at 10,000 plans the writes would cost far more than
        the figures). KPIs and plans whose figures are the same stay as
        they are."""
        if not self:
            return
        self.env.flush_all()
        cr = self.env.cr
        # plain rows, not records: at 10,000 plans reading 40,000 KPIs
        # through the ORM costs more than the figures themselves; the plans
        # apart, not repeated on each of their KPIs (reading the rows costs
        # as much as the figures)
        cr.execute(
            SQL(
                """SELECT id, plan_id, goal, actual, achievement, status, kind
                     FROM prm_business_plan_kpi
                    WHERE plan_id IN (SELECT plan_id FROM prm_business_plan_kpi
                                       WHERE id = ANY(%s::int4[]))""",
                number_array(self.ids),
            )
        )
        kpis = cr.fetchall()
        cr.execute(
            SQL(
                """SELECT id, date_from, date_to, partner_id, company_id, status,
                          achievement
                     FROM prm_business_plan WHERE id = ANY(%s::int4[])""",
                number_array({row[1] for row in kpis}),
            )
        )
        plans = {row[0]: row for row in cr.fetchall()}

        # one item at a time, not a list of them: 40,000 tuples kept set off
        # Python's garbage collector
        def items():
            for kpi_id, plan_id, __, __, __, __, kind in kpis:
                __, date_from, date_to, partner_id, company_id, __, __ = plans[plan_id]
                if date_from and date_to:
                    yield kpi_id, partner_id, kind, date_from, date_to, company_id

        values = self.env["res.partner"]._prm_kpi_actuals(items())
        changed, changed_plans = self._prm_changed_rows(kpis, plans, values)
        now = fields.Datetime.now()
        if changed[0]:
            # one statement whatever the number of rows: the columns go as
            # arrays, unnested on the server
            cr.execute(
                SQL(
                    """UPDATE prm_business_plan_kpi k
                          SET actual = v.actual, achievement = v.achievement,
                              status = v.status, refreshed_on = %s,
                              write_date = %s, write_uid = %s
                         FROM unnest(%s::int4[], %s::float8[], %s::float8[],
                                     %s::varchar[])
                              AS v(id, actual, achievement, status)
                        WHERE k.id = v.id""",
                    now,
                    now,
                    self.env.uid,
                    number_array(changed[0]),
                    *map(value_array, changed[1:3]),
                    key_array(changed[3]),
                )
            )
            self.browse(changed[0]).invalidate_recordset(
                [
                    "actual",
                    "achievement",
                    "status",
                    "refreshed_on",
                    "write_date",
                    "write_uid",
                ]
            )
        if changed_plans[0]:
            cr.execute(
                SQL(
                    """UPDATE prm_business_plan p
                          SET status = v.status, achievement = v.achievement
                         FROM unnest(%s::int4[], %s::varchar[], %s::float8[])
                              AS v(id, status, achievement)
                        WHERE p.id = v.id""",
                    number_array(changed_plans[0]),
                    key_array(changed_plans[1]),
                    value_array(changed_plans[2]),
                )
            )
            self.env["prm.business.plan"].browse(changed_plans[0]).invalidate_recordset(
                ["status", "achievement"]
            )

    def _prm_changed_rows(self, kpis, plans, values):
        """The rows of ``kpis`` (``(id, plan id, goal, actual, achievement,
        status, kind)``) and of their ``plans`` (``{id: (id, date_from,
        date_to, partner id, company id, status, achievement)}``) whose
        figures differ from the stored ones, in one pass over the KPIs:
        ``(ids, actuals, achievements, statuses)`` of the KPIs and ``(ids,
        statuses, achievements)`` of the plans.

        At 40,000 KPIs what this keeps is what makes Python's garbage
        collector run a full collection, which costs more than the figures:
        the plans are summed from parallel lists of plain values (which the
        collector does not track, see ``plans.plan_figures``), and each
        distinct case of a KPI is worked out once per period (plans of a
        period share their goals and many actuals)."""
        today = fields.Date.context_today(self)
        changed = ([], [], [], [])
        ids, actuals, achievements, statuses = changed
        periods = {}
        cases_of = {
            plan_id: periods.setdefault(plan[1:3], {})
            for plan_id, plan in plans.items()
        }
        # the new figures of every KPI, for the plans' (parallel lists of
        # plain values)
        plan_ids, new_percents, new_statuses = [], [], []
        for kpi_id, plan_id, goal, actual, percent, status, __ in kpis:
            value = values.get(kpi_id, 0.0)
            cases = cases_of[plan_id]
            new = cases.get((value, goal))
            if new is None:
                date_from, date_to = plans[plan_id][1:3]
                new = cases[value, goal] = (
                    plan_rules.kpi_status(value, goal, today, date_from, date_to)
                    if date_from and date_to
                    else (0.0, None)
                )
            new_percent, new_status = new
            if value != actual or new_percent != percent or new_status != status:
                ids.append(kpi_id)
                actuals.append(value)
                achievements.append(new_percent)
                statuses.append(new_status)
            plan_ids.append(plan_id)
            new_percents.append(new_percent)
            new_statuses.append(new_status)
        changed_plans = ([], [], [])
        figures = plan_rules.plan_figures(plan_ids, new_percents, new_statuses)
        for plan_id, (status, achievement) in figures.items():
            status = status or None
            if (status, achievement) != plans[plan_id][5:]:
                changed_plans[0].append(plan_id)
                changed_plans[1].append(status)
                changed_plans[2].append(achievement)
        return changed, changed_plans

    @api.model
    def _cron_refresh_actuals(self):
        self.search([("state", "in", ("draft", "agreed"))])._prm_refresh_actuals()
