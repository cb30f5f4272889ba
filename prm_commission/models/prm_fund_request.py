# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.prm_partner.access import MANAGER, USER, require

from ..logic import funds
from .prm_fund_budget import ACTIVITY_TYPES

# Fields only the approval workflow (managers, or the superuser after the
# portal's own checks) may set.
# Claims that count: a request whose claims were all rejected is not claimed.
LIVE_CLAIM_STATES = ("submitted", "approved", "paid")
PROTECTED_FIELDS = frozenset(
    {"state", "approved_amount", "approved_by_id", "decided_on", "reminder_sent"}
)


class PrmFundRequest(models.Model):
    _name = "prm.fund.request"
    _description = "Market Development Fund Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "prm.partner.company.mixin",
        "prm.reference.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True

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
    reject_reason = fields.Text(tracking=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)
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
        if not self.env.su and any(
            vals.get("state", "draft") != "draft"
            or any(vals.get(name) for name in PROTECTED_FIELDS - {"state"})
            for vals in vals_list
        ):
            require(self.env, MANAGER)
        self._prm_assign_references(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if PROTECTED_FIELDS.intersection(vals) and not self.env.su:
            require(self.env, MANAGER)
        if not self.env.su and {"budget_id", "partner_id", "requested_amount"} & set(
            vals
        ):
            if self.filtered(lambda r: r.state not in ("draft", "submitted")):
                raise UserError(self.env._("A decided request cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda r: r.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._("Only draft or cancelled fund requests can be deleted.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        require(self.env, USER)
        self.check_access("write")
        return self._prm_submit()

    def _prm_submit(self):
        """Submit (also from the portal, as superuser after its checks) and
        ask the partner manager, or the budget's creator, to review."""
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only draft requests can be submitted."))
        self.sudo().write({"state": "submitted"})
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for request in self.sudo():
            reviewer = request.partner_id.prm_manager_id or request.budget_id.create_uid
            request.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Review fund request"),
                user_id=reviewer.id,
            )
        return True

    def action_approve(self):
        require(self.env, MANAGER)
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only submitted requests can be approved."))
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
                {
                    "state": "approved",
                    "approved_amount": amount,
                    "approved_by_id": self.env.user.id,
                    "decided_on": fields.Datetime.now(),
                }
            )
            # the next request of the same budget sees this one's reservation
            request.flush_recordset()
        self._prm_decision_done(
            "prm_commission.mail_template_prm_fund_request_decision"
        )
        return True

    def action_reject(self):
        require(self.env, MANAGER)
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only submitted requests can be rejected."))
        if self.filtered(lambda r: not (r.reject_reason or "").strip()):
            raise UserError(self.env._("Give the partner a reason for the rejection."))
        self.write(
            {
                "state": "rejected",
                "approved_amount": 0.0,
                "approved_by_id": self.env.user.id,
                "decided_on": fields.Datetime.now(),
            }
        )
        self._prm_decision_done(
            "prm_commission.mail_template_prm_fund_request_decision"
        )
        return True

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

    def _prm_decision_done(self, template_xmlid):
        """Close the review activities and tell the partner."""
        records = self.sudo()
        records.activity_feedback(["mail.mail_activity_data_todo"])
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if template:
            for record in records:
                record.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment"
                )

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
