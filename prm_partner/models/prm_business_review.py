# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Business review of a channel partner: the plan's KPIs frozen at the date,
internal notes, feedback to the partner and agreed actions; shared with the
partner as a PDF scorecard. The tier's cadence schedules them (cron)."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import access
from ..logic import certifications as cert_rules
from ..logic import dates as date_rules
from ..logic import plans as plan_rules

#: Periods shown in the scorecard's trend, the current one included.
TREND_PERIODS = 4
#: The cron schedules a review this many days before it is due.
SCHEDULE_HORIZON_DAYS = 7


class PrmBusinessReview(models.Model):
    _name = "prm.business.review"
    _description = "Business Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "prm.partner.company.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(domain="[('prm_is_partner', '=', True)]")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Partner Manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    tier_id = fields.Many2one(
        "prm.tier",
        compute="_compute_tier_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The partner's tier on the day of the review.",
    )
    plan_id = fields.Many2one(
        "prm.business.plan",
        string="Business Plan",
        compute="_compute_plan_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('partner_id', '=', partner_id)]",
        check_company=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Shared")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    notes = fields.Html(
        string="Internal Notes", groups="prm_partner.group_prm_user", copy=False
    )
    feedback = fields.Html(
        string="Feedback to Partner", help="Shared with the partner in the scorecard."
    )
    line_ids = fields.One2many(
        "prm.business.review.line", "review_id", string="KPIs", copy=False
    )
    action_ids = fields.One2many(
        "prm.business.plan.action", "review_id", string="Agreed Actions"
    )
    shared_on = fields.Datetime(readonly=True, copy=False)

    @api.depends("partner_id.name", "date")
    def _compute_name(self):
        for review in self:
            review.name = self.env._(
                "Review %(partner)s %(date)s",
                partner=review.partner_id.name or "",
                date=review.date or "",
            )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for review in self:
            review.user_id = (
                review.partner_id.prm_manager_id or review.user_id or self.env.user
            )

    @api.depends("partner_id")
    def _compute_tier_id(self):
        for review in self:
            review.tier_id = review.partner_id.prm_tier_id

    @api.depends("partner_id", "date")
    def _compute_plan_id(self):
        plans = self.env["prm.business.plan"].search(
            [("partner_id", "in", self.partner_id.ids)],
            order="state desc, date_from desc",
        )
        for review in self:
            review.plan_id = (
                plans.filtered(
                    lambda p, r=review: p.partner_id == r.partner_id
                    and r.date
                    and p.date_from <= r.date <= p.date_to
                )[:1]
                or review.plan_id
            )

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        reviews._prm_snapshot()
        return reviews

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(review.state != "draft" for review in self):
            raise UserError(self.env._("A shared review cannot be deleted."))

    def _prm_snapshot(self):
        """Freeze the KPIs of each review's plan as they stand today."""
        reviews = self.filtered(lambda r: r.state == "draft")
        plans = reviews.plan_id.filtered(lambda p: p.state != "closed")
        plans.kpi_ids._prm_refresh_actuals()
        reviews.sudo().line_ids.unlink()
        self.env["prm.business.review.line"].sudo().create(
            [
                {
                    "review_id": review.id,
                    "sequence": kpi.sequence,
                    "kind": kpi.kind,
                    "goal": kpi.goal,
                    "actual": kpi.actual,
                    "achievement": kpi.achievement,
                    "status": kpi.status,
                }
                for review in reviews
                for kpi in review.plan_id.kpi_ids
            ]
        )

    def action_snapshot(self):
        access.require(self.env, access.USER)
        if any(review.state != "draft" for review in self):
            raise UserError(self.env._("The KPIs of a shared review stay as shared."))
        self._prm_snapshot()
        return True

    def action_share(self):
        """Share the review with the partner: mail it the scorecard, close
        the review activity of its partner manager."""
        access.require(self.env, access.USER)
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("This review is already shared."))
        self.write({"state": "done", "shared_on": fields.Datetime.now()})
        template = self.env.ref("prm_partner.mail_template_business_review")
        for review in self:
            review.with_context(
                lang=review.partner_id.lang or self.env.lang
            ).message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", self.partner_id.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("prm_partner.mail_activity_type_business_review").id,
                ),
            ]
        ).sudo().action_feedback(feedback=self.env._("Business review shared."))
        return True

    def action_reset_draft(self):
        access.require(self.env, access.USER)
        self.write({"state": "draft"})
        return True

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Scorecard %(name)s", name=self.name)

    # Scorecard -------------------------------------------------------------

    def _prm_scorecard_trend(self):
        """Revenue and won deals of the review's partner over the last
        :data:`TREND_PERIODS` quarters up to the review's date."""
        self.ensure_one()
        first = date_rules.period_bounds(self.date, "quarter")[0]
        periods = []
        for back in range(TREND_PERIODS - 1, -1, -1):
            start = first - relativedelta(months=3 * back)
            periods.append((start, date_rules.period_bounds(start, "quarter")[1]))
        partner = self.partner_id.sudo()
        company = self.company_id
        values = (
            self.env["res.partner"]
            .sudo()
            ._prm_kpi_actuals(
                ((kind, start), partner.id, kind, start, end, company.id)
                for start, end in periods
                for kind in ("revenue", "won_deals")
            )
        )
        peak = max([values[("revenue", start)] for start, __ in periods] + [1.0])
        return [
            {
                "label": plan_rules.period_label(start, "quarter"),
                "revenue": values[("revenue", start)],
                "won_deals": int(values[("won_deals", start)]),
                "bar": round(100.0 * values[("revenue", start)] / peak),
            }
            for start, __ in periods
        ]

    def _prm_scorecard_values(self):
        """What the scorecard shows besides the review's own fields."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        certifications = (
            self.env["prm.certification"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    *cert_rules.in_force_domain(),
                    ("company_id", "=", self.company_id.id),
                ],
                order="expiry_date",
            )
        )
        open_actions = (
            self.env["prm.business.plan.action"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("done", "=", False),
                    ("plan_id.state", "!=", "closed"),
                ],
                order="date_deadline, id",
            )
        )
        return {
            "trend": self._prm_scorecard_trend(),
            "certifications": certifications,
            "open_actions": open_actions,
            "extra_scores": self._prm_scorecard_scores(),
        }

    def _prm_scorecard_scores(self):
        """[(label, value as text)]: the satisfaction scores the surveys
        rolled up, when there are answers."""
        partner = self.partner_id.sudo()
        scores = []
        if partner.prm_csat_count:
            scores.append(
                (
                    self.env._("Customer satisfaction"),
                    self.env._(
                        "%(score)s %% (%(count)s answers)",
                        score=round(partner.prm_csat),
                        count=partner.prm_csat_count,
                    ),
                )
            )
        if partner.prm_nps_count:
            scores.append(
                (
                    self.env._("Net promoter score"),
                    self.env._(
                        "%(score)s (%(count)s answers)",
                        score=round(partner.prm_nps),
                        count=partner.prm_nps_count,
                    ),
                )
            )
        return scores

    # Scheduling ------------------------------------------------------------

    @api.model
    def _cron_schedule_reviews(self, today=None):
        """A review activity for the partner manager of each active partner
        whose tier's cadence makes a review due within a week; never two.
        By chunks (setting ``prm_partner.review_schedule.chunk_size``); a
        partner looked at is stamped with the run's day and leaves the
        domain. Returns the partners given an activity."""
        Partner = self.env["res.partner"]
        scheduled = []

        def run_day(started):
            return today or fields.Date.context_today(self, started)

        def process(partners, started):
            due = self._prm_schedule_reviews(partners, run_day(started))
            scheduled.append(due)
            return len(due)

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_partner.review_schedule",
            Partner,
            lambda started: [
                ("prm_is_partner", "=", True),
                ("is_company", "=", True),
                ("prm_stage", "=", "active"),
                ("prm_tier_id.review_cadence", "!=", False),
                "|",
                ("prm_review_checked_on", "=", False),
                ("prm_review_checked_on", "<", run_day(started)),
            ],
            process,
        )
        return Partner.browse([p.id for chunk in scheduled for p in chunk])

    @api.model
    def _prm_schedule_reviews(self, partners, today):
        """Schedule the reviews due of ``partners``, stamp them checked on
        ``today``; returns the partners given an activity."""
        Partner = self.env["res.partner"]
        partners.fetch(["prm_tier_id", "prm_manager_id"])
        last = dict(
            self.sudo()._read_group(
                [("partner_id", "in", partners.ids)], ["partner_id"], ["date:max"]
            )
        )
        activity_type = self.env.ref("prm_partner.mail_activity_type_business_review")
        waiting = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        due = []
        for partner in partners:
            cadence = partner.prm_tier_id.review_cadence
            last_date = last.get(partner)
            if partner.id in waiting or not plan_rules.needs_review(
                last_date, cadence, today, SCHEDULE_HORIZON_DAYS
            ):
                continue
            due.append((partner, plan_rules.review_due(last_date, cadence, today)))
        model_id = self.env["ir.model"]._get_id("res.partner")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (partner.prm_manager_id or self.env.user).id,
                    "date_deadline": date,
                    "summary": self.env._(
                        "Business review with %(partner)s", partner=partner.name
                    ),
                }
                for partner, date in due
            ]
        )
        # a stamp no addon reacts to (write_date stays): one UPDATE
        Partner.flush_model(["prm_review_checked_on"])
        self.env.cr.execute(
            "UPDATE res_partner SET prm_review_checked_on = %s WHERE id = ANY(%s)",
            [today, partners.ids],
        )
        partners.invalidate_recordset(["prm_review_checked_on"])
        return Partner.browse([partner.id for partner, __ in due])
