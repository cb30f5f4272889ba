# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Joint business plan of a channel partner for a quarter or a year:
objectives, KPI lines with stored actuals, actions on both sides, signed off
by the vendor (here) and by the partner (on the portal)."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import access
from ..logic import dates as date_rules
from ..logic import plans as plan_rules
from ..logic import targets as target_rules

STATUS_SELECTION = [
    (target_rules.ON_TRACK, "On Track"),
    (target_rules.BEHIND, "Behind"),
    (target_rules.ACHIEVED, "Achieved"),
]


class PrmBusinessPlan(models.Model):
    _name = "prm.business.plan"
    _description = "Joint Business Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "prm.partner.company.mixin"]
    _order = "date_from desc, partner_id, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(domain="[('prm_is_partner', '=', True)]")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("year", "Year")],
        string="Period",
        required=True,
        default="quarter",
        tracking=True,
    )
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(
        string="To", compute="_compute_date_to", store=True, precompute=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Partner Manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    prm_tier_id = fields.Many2one(
        related="partner_id.prm_tier_id", store=True, string="Tier"
    )
    territory_id = fields.Many2one(
        "prm.territory",
        compute="_compute_territory_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        help="The territory the plan's achievement counts for: the partner's "
        "first territory unless chosen.",
    )
    objectives = fields.Html(help="What both sides want to reach in the period.")
    kpi_ids = fields.One2many("prm.business.plan.kpi", "plan_id", string="KPIs")
    action_ids = fields.One2many(
        "prm.business.plan.action", "plan_id", string="Actions"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("agreed", "Agreed"), ("closed", "Closed")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    status = fields.Selection(
        STATUS_SELECTION,
        compute="_compute_status",
        store=True,
        help="The status of the plan's worst KPI.",
    )
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_status",
        store=True,
        aggregator="avg",
        help="Average achievement of the KPIs, each capped at 100 %.",
    )
    vendor_accepted_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False, tracking=True
    )
    vendor_accepted_on = fields.Datetime(
        string="Approved On", readonly=True, copy=False
    )
    partner_accepted_by_id = fields.Many2one(
        "res.users",
        string="Accepted By Partner",
        readonly=True,
        copy=False,
        tracking=True,
    )
    partner_accepted_on = fields.Datetime(
        string="Accepted by Partner On", readonly=True, copy=False
    )
    previous_plan_id = fields.Many2one("prm.business.plan", readonly=True, copy=False)
    open_action_count = fields.Integer(compute="_compute_open_action_count")

    _sql_constraints = [
        (
            "partner_period_uniq",
            "unique(partner_id, period_type, date_from, company_id)",
            "A partner has one business plan per period.",
        ),
    ]

    def init(self):
        # the KPI refresh rewrites the status of every plan (see the KPIs
        # for the fill)
        self.env.cr.execute("ALTER TABLE prm_business_plan SET (fillfactor = 40)")

    @api.depends("partner_id.name", "period_type", "date_from")
    def _compute_name(self):
        for plan in self:
            period = (
                plan_rules.period_label(plan.date_from, plan.period_type)
                if plan.date_from and plan.period_type
                else ""
            )
            plan.name = f"{plan.partner_id.name or ''} - {period}"

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for plan in self:
            if plan.date_from and plan.period_type:
                plan.date_to = date_rules.period_bounds(
                    plan.date_from, plan.period_type
                )[1]

    @api.depends("partner_id")
    def _compute_user_id(self):
        for plan in self:
            plan.user_id = plan.partner_id.prm_manager_id or plan.user_id

    @api.depends("partner_id")
    def _compute_territory_id(self):
        for plan in self:
            territories = plan.partner_id.prm_territory_ids.filtered(
                lambda t, plan=plan: t.company_id == plan.company_id
            )
            plan.territory_id = territories[:1] or plan.territory_id

    @api.depends("kpi_ids.status", "kpi_ids.achievement")
    def _compute_status(self):
        for plan in self:
            kpis = plan.kpi_ids
            plan.status = plan_rules.plan_status(kpis.mapped("status"))
            plan.achievement = plan_rules.plan_achievement(kpis.mapped("achievement"))

    def _compute_open_action_count(self):
        groups = self.env["prm.business.plan.action"]._read_group(
            [("plan_id", "in", self.ids), ("done", "=", False)],
            ["plan_id"],
            ["__count"],
        )
        counts = {plan.id: count for plan, count in groups}
        for plan in self:
            plan.open_action_count = counts.get(plan.id, 0)

    @api.constrains("partner_id")
    def _check_partner(self):
        for plan in self:
            if not plan.partner_id.prm_is_partner:
                raise ValidationError(
                    self.env._("A business plan is made with a channel partner.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_from"):
                start = fields.Date.to_date(vals["date_from"])
                vals["date_from"] = date_rules.period_bounds(
                    start, vals.get("period_type") or "quarter"
                )[0]
        return super().create(vals_list)

    def write(self, vals):
        if "date_from" in vals or "period_type" in vals:
            for plan in self:
                start = fields.Date.to_date(vals.get("date_from") or plan.date_from)
                period = vals.get("period_type") or plan.period_type
                super(PrmBusinessPlan, plan).write(
                    dict(vals, date_from=date_rules.period_bounds(start, period)[0])
                )
            return True
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(self.env._("Only draft business plans can be deleted."))

    # Actions ---------------------------------------------------------------

    def action_approve(self):
        """The vendor's sign-off (a PRM user); the plan is agreed once the
        partner accepted too."""
        access.require(self.env, access.USER)
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only a draft plan can be approved."))
            if not plan.kpi_ids:
                raise UserError(
                    self.env._("Add at least one KPI before approving the plan.")
                )
        self.write(
            {
                "vendor_accepted_by_id": self.env.user.id,
                "vendor_accepted_on": fields.Datetime.now(),
            }
        )
        self._prm_agree_when_signed()
        return True

    def _prm_partner_accept(self, user):
        """The partner's sign-off, recorded for ``user`` (a contact of the
        partner): called by the portal after its own checks."""
        self.ensure_one()
        if not self._prm_partner_can_accept(user):
            raise UserError(self.env._("You cannot accept this business plan."))
        self.sudo().write(
            {
                "partner_accepted_by_id": user.id,
                "partner_accepted_on": fields.Datetime.now(),
            }
        )
        self.sudo().message_post(
            body=self.env._(
                "Accepted by %(name)s for the partner.", name=user.partner_id.name
            ),
            author_id=user.partner_id.id,
        )
        self.sudo()._prm_agree_when_signed()

    def _prm_partner_can_accept(self, user):
        self.ensure_one()
        user = user.sudo()
        return (
            self.state == "draft"
            and not self.partner_accepted_by_id
            and bool(self.kpi_ids)
            and user.active
            and user.commercial_partner_id == self.partner_id.commercial_partner_id
        )

    def _prm_agree_when_signed(self):
        signed = self.filtered(
            lambda p: p.state == "draft"
            and p.vendor_accepted_by_id
            and p.partner_accepted_by_id
        )
        if signed:
            signed.write({"state": "agreed"})

    def action_close(self):
        access.require(self.env, access.USER)
        if any(plan.state != "agreed" for plan in self):
            raise UserError(self.env._("Only an agreed plan can be closed."))
        # the final figures, frozen from now on
        self.kpi_ids._prm_refresh_actuals()
        self.write({"state": "closed"})
        return True

    def action_reset_draft(self):
        """Back to draft to change the plan: both sides sign off again."""
        access.require(self.env, access.USER)
        self.write(
            {
                "state": "draft",
                "vendor_accepted_by_id": False,
                "vendor_accepted_on": False,
                "partner_accepted_by_id": False,
                "partner_accepted_on": False,
            }
        )
        return True

    def action_refresh_kpis(self):
        access.require(self.env, access.USER)
        self.check_access("read")
        self.filtered(lambda p: p.state != "closed").kpi_ids._prm_refresh_actuals()
        return True

    def action_copy_next_period(self):
        """A draft plan for the next period: same objectives and KPI goals,
        the actions still open moved by one period."""
        access.require(self.env, access.USER)
        self.ensure_one()
        date_from, __ = plan_rules.next_period(self.date_from, self.period_type)
        existing = self.search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("period_type", "=", self.period_type),
                ("date_from", "=", date_from),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )
        if existing:
            raise UserError(
                self.env._(
                    "%(plan)s already exists for the next period.", plan=existing.name
                )
            )
        shift = relativedelta(months=date_rules.PERIOD_MONTHS[self.period_type])
        plan = self.copy(
            {
                "date_from": date_from,
                "previous_plan_id": self.id,
                "kpi_ids": [
                    fields.Command.create({"kind": kpi.kind, "goal": kpi.goal})
                    for kpi in self.kpi_ids
                ],
                "action_ids": [
                    fields.Command.create(
                        {
                            "name": action.name,
                            "owner_side": action.owner_side,
                            "user_id": action.user_id.id,
                            "contact_id": action.contact_id.id,
                            "date_deadline": action.date_deadline
                            and action.date_deadline + shift,
                        }
                    )
                    for action in self.action_ids.filtered(lambda a: not a.done)
                ],
            }
        )
        plan.kpi_ids._prm_refresh_actuals()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": plan.id,
            "view_mode": "form",
        }

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_partner.prm_business_plan_action_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action
