# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.prm_partner.access import MANAGER, USER, require

from ..logic import funds
from .prm_fund_budget import ACTIVITY_TYPES

# Claims that count: a request whose claims were all rejected is not claimed.
LIVE_CLAIM_STATES = ("submitted", "approved", "paid")


class PrmFundRequest(models.Model):
    _name = "prm.fund.request"
    _description = "Market Development Fund Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "prm.partner.company.mixin",
        "prm.reference.mixin",
        "prm.approval.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _prm_protected_fields = frozenset(
        {"state", "approved_amount", "approved_by_id", "decided_on", "reminder_sent"}
    )
    _prm_frozen_fields = frozenset({"budget_id", "partner_id", "requested_amount"})
    _prm_deletable_states = ("draft", "cancelled")
    _prm_decision_template = "prm_commission.mail_template_prm_fund_request_decision"

    # a program partner; the request is not refused for the partner's own
    # company (the budget's company rules it)
    partner_id = fields.Many2one(
        domain="[('prm_is_partner', '=', True), ('is_company', '=', True)]",
        check_company=False,
    )
    budget_id = fields.Many2one(
        "prm.fund.budget",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        related="budget_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="budget_id.currency_id", store=True)
    activity_type = fields.Selection(ACTIVITY_TYPES, required=True, default="event")
    description = fields.Text(required=True)
    expected_leads = fields.Integer()
    expected_revenue = fields.Monetary()
    date_start = fields.Date(string="Activity Start", required=True)
    date_end = fields.Date(string="Activity End", required=True)
    requested_amount = fields.Monetary(required=True, tracking=True)
    approved_amount = fields.Monetary(tracking=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
            ("expired", "Expired"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )
    claim_deadline = fields.Date(
        compute="_compute_claim_deadline", store=True, index=True
    )
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    claim_ids = fields.One2many("prm.fund.claim", "request_id", string="Claims")
    claimed_amount = fields.Monetary(
        string="Claimed (approved)", compute="_compute_claimed_amount", store=True
    )
    claimable_amount = fields.Monetary(
        string="Left to Claim", compute="_compute_claimed_amount", store=True
    )

    _sql_constraints = [
        (
            "requested_positive",
            "CHECK(requested_amount > 0)",
            "The requested amount must be greater than zero.",
        ),
        (
            "approved_not_negative",
            "CHECK(approved_amount IS NULL OR approved_amount >= 0)",
            "The approved amount cannot be negative.",
        ),
    ]

    @api.depends("date_end", "budget_id.claim_deadline_days")
    def _compute_claim_deadline(self):
        for request in self:
            request.claim_deadline = funds.claim_deadline(
                request.date_end, request.budget_id.claim_deadline_days
            )

    @api.depends("approved_amount", "claim_ids.state", "claim_ids.amount_approved")
    def _compute_claimed_amount(self):
        groups = (
            self.env["prm.fund.claim"]
            .sudo()
            ._read_group(
                [
                    ("request_id", "in", self.ids),
                    ("state", "in", funds.USING_CLAIM_STATES),
                ],
                ["request_id"],
                ["amount_approved:sum"],
            )
            if self.ids
            else []
        )
        totals = {request.id: total for request, total in groups}
        for request in self:
            used = totals.get(request.id, 0.0)
            request.claimed_amount = used
            request.claimable_amount = max(request.approved_amount - used, 0.0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for request in self:
            if request.date_start > request.date_end:
                raise ValidationError(
                    self.env._("An activity cannot end before it starts.")
                )

    @api.constrains("partner_id", "budget_id", "activity_type")
    def _check_budget(self):
        for request in self:
            budget = request.budget_id
            if request.activity_type not in budget._prm_allowed_activity_types():
                raise ValidationError(
                    self.env._(
                        "The budget %(budget)s does not fund this type of activity.",
                        budget=budget.display_name,
                    )
                )
            if not budget._prm_is_eligible(request.partner_id.commercial_partner_id):
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not eligible to the budget %(budget)s.",
                        partner=request.partner_id.display_name,
                        budget=budget.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._prm_assign_references(vals_list)
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions (submit and reject: prm.approval.mixin)
    # ------------------------------------------------------------------
    def _prm_review_summary(self):
        return self.env._("Review fund request")

    def _prm_reviewer(self, managers):
        """The partner manager, or the budget's creator."""
        return self.partner_id.prm_manager_id or self.budget_id.create_uid

    def action_approve(self):
        require(self.env, MANAGER)
        self._prm_require_state(
            ("submitted",), self.env._("Only submitted requests can be approved.")
        )
        self.budget_id._prm_lock()
        for request in self.sorted("id"):
            amount = request.approved_amount or request.requested_amount
            if (
                request.currency_id.compare_amounts(amount, request.requested_amount)
                > 0
            ):
                raise UserError(
                    self.env._("The approved amount cannot exceed the requested one.")
                )
            request.budget_id._prm_reserve(
                request.partner_id.commercial_partner_id, amount
            )
            request.write(
                dict(request._prm_decision_vals("approved"), approved_amount=amount)
            )
            # the next request of the same budget sees this one's reservation
            request.flush_recordset()
        self._prm_decision_done()
        return True

    def _prm_reject_vals(self):
        return dict(super()._prm_reject_vals(), approved_amount=0.0)

    def action_cancel(self):
        require(self.env, USER)
        self.check_access("write")
        if self.filtered(lambda r: r.state not in ("draft", "submitted", "approved")):
            raise UserError(self.env._("This request cannot be cancelled any more."))
        if self.filtered(lambda r: r.state == "approved"):
            require(self.env, MANAGER)
        if self.claim_ids.filtered(lambda c: c.state != "rejected"):
            raise UserError(self.env._("A request with claims cannot be cancelled."))
        self.sudo().write({"state": "cancelled"})
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reset_draft(self):
        require(self.env, USER)
        self.check_access("write")
        if self.filtered(lambda r: r.state not in ("cancelled", "rejected")):
            raise UserError(
                self.env._("Only cancelled or rejected requests go back to draft.")
            )
        self.sudo().write(
            {"state": "draft", "approved_amount": 0.0, "reject_reason": False}
        )
        return True

    def action_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_fund_claim_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------
    @api.model
    def _cron_expire(self, today=None):
        """Approved requests whose claim deadline passed without any claim
        (but rejected ones) expire, and their partner is told; by chunks
        (setting ``prm_commission.fund_expire.chunk_size``), an expired
        request leaves the domain. Returns the requests expired."""
        today = today or fields.Date.context_today(self)
        expired = []

        def process(requests, started):
            requests.write({"state": "expired"})
            template = self.env.ref(
                "prm_commission.mail_template_prm_fund_request_expired",
                raise_if_not_found=False,
            )
            if template:
                template.send_mail_batch(requests.ids)
            expired.append(requests)
            return len(requests)

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_commission.fund_expire",
            self.sudo(),
            [
                ("state", "=", "approved"),
                ("claim_deadline", "<", today),
                ("claim_ids", "not any", [("state", "in", LIVE_CLAIM_STATES)]),
            ],
            process,
        )
        return self.sudo().browse([r.id for chunk in expired for r in chunk])

    @api.model
    def _cron_remind(self, today=None, days_before=None):
        """Remind the partners of approved requests not claimed yet whose
        claim deadline is within ``days_before`` days; once per request (a
        reminded request leaves the domain), by chunks. Returns the requests
        reminded."""
        today = today or fields.Date.context_today(self)
        if days_before is None:
            days_before = int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("prm_commission.fund_reminder_days", 7)
            )
        limit = fields.Date.add(today, days=days_before)
        reminded = []

        def process(requests, started):
            template = self.env.ref(
                "prm_commission.mail_template_prm_fund_request_reminder",
                raise_if_not_found=False,
            )
            if template:
                template.send_mail_batch(requests.ids)
            requests.write({"reminder_sent": True})
            reminded.append(requests)
            return len(requests)

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_commission.fund_remind",
            self.sudo(),
            [
                ("state", "=", "approved"),
                ("reminder_sent", "=", False),
                ("claim_deadline", ">=", today),
                ("claim_deadline", "<=", limit),
                ("claim_ids", "not any", [("state", "in", LIVE_CLAIM_STATES)]),
            ],
            process,
        )
        return self.sudo().browse([r.id for chunk in reminded for r in chunk])
