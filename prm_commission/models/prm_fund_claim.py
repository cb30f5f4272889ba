# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.prm_partner.access import MANAGER, USER, require

from ..logic import funds


class PrmFundClaim(models.Model):
    _name = "prm.fund.claim"
    _description = "Market Development Fund Claim"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "prm.reference.mixin",
        "prm.vendor.bill.mixin",
        "prm.approval.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _prm_protected_fields = frozenset(
        {
            "state",
            "amount_approved",
            "invoice_id",
            "commission_line_id",
            "approved_by_id",
            "decided_on",
        }
    )
    # a claim is submitted as it is made; there is no draft
    _prm_initial_state = "submitted"
    _prm_open_states = ("submitted",)
    _prm_frozen_fields = frozenset({"line_ids", "request_id"})
    _prm_deletable_states = ("submitted", "rejected")
    _prm_decision_template = "prm_commission.mail_template_prm_fund_claim_decision"

    request_id = fields.Many2one(
        "prm.fund.request",
        string="Fund Request",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        domain="[('state', '=', 'approved')]",
    )
    partner_id = fields.Many2one(
        related="request_id.partner_id", store=True, index=True, precompute=True
    )
    budget_id = fields.Many2one(
        related="request_id.budget_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="request_id.currency_id", store=True)
    activity_type = fields.Selection(
        related="request_id.activity_type", store=True, string="Activity Type"
    )
    line_ids = fields.One2many("prm.fund.claim.line", "claim_id", string="Expenses")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "prm_fund_claim_attachment_rel",
        "claim_id",
        "attachment_id",
        string="Proof of Performance",
    )
    leads = fields.Integer(string="Leads Generated")
    revenue = fields.Monetary(string="Revenue Reported")
    amount_claimed = fields.Monetary(
        string="Claimed", compute="_compute_amount_claimed", store=True
    )
    participation_rate = fields.Float(
        string="Participation Rate (%)", readonly=True, copy=False
    )
    amount_approved = fields.Monetary(
        string="Approved", readonly=True, copy=False, tracking=True
    )
    amount_paid = fields.Monetary(
        string="Paid Amount", compute="_compute_amount_paid", store=True
    )
    roi = fields.Float(
        string="ROI",
        compute="_compute_amount_paid",
        store=True,
        aggregator="avg",
        help="Revenue reported per unit of fund paid.",
    )
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("paid", "Paid"),
        ],
        required=True,
        default="submitted",
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )
    commission_line_id = fields.Many2one(
        "prm.commission.line",
        string="Settlement Line",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    settlement_id = fields.Many2one(
        related="commission_line_id.settlement_id", string="Commission Settlement"
    )

    @api.depends("line_ids.amount")
    def _compute_amount_claimed(self):
        for claim in self:
            claim.amount_claimed = sum(claim.line_ids.mapped("amount"))

    @api.depends("state", "amount_approved", "revenue")
    def _compute_amount_paid(self):
        for claim in self:
            paid = claim.amount_approved if claim.state == "paid" else 0.0
            claim.amount_paid = paid
            claim.roi = funds.roi(claim.revenue, paid)

    def _read_group_select(self, aggregate_spec, query):
        # the ROI of a group is its revenue over what it was paid, not the
        # average of its claims' ratios
        if aggregate_spec.startswith("roi:"):
            revenue = self._field_to_sql(self._table, "revenue", query)
            paid = self._field_to_sql(self._table, "amount_paid", query)
            return SQL("COALESCE(SUM(%s) / NULLIF(SUM(%s), 0), 0)", revenue, paid)
        return super()._read_group_select(aggregate_spec, query)

    @api.constrains("attachment_ids")
    def _check_proof(self):
        for claim in self:
            if not claim.attachment_ids:
                raise ValidationError(
                    self.env._("Attach at least one proof of performance.")
                )

    @api.constrains("line_ids")
    def _check_lines(self):
        for claim in self:
            if not claim.line_ids:
                raise ValidationError(self.env._("A claim needs at least one expense."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            require(self.env, USER)
        Request = self.env["prm.fund.request"]
        today = fields.Date.context_today(self)
        for vals in vals_list:
            request = Request.browse(vals.get("request_id")).sudo()
            if request.state != "approved":
                raise UserError(
                    self.env._("Claims are made against approved requests only.")
                )
            if request.claim_deadline and request.claim_deadline < today:
                raise UserError(self.env._("The claim deadline has passed."))
            if request.currency_id.is_zero(request.claimable_amount):
                raise UserError(
                    self.env._("Everything approved on this request was claimed.")
                )
            vals.setdefault("participation_rate", request.budget_id.participation_rate)
        self._prm_assign_references(vals_list)
        claims = super().create(vals_list)
        # the proof must be there from the start, constraints only see what
        # the values set
        claims._check_proof()
        claims._check_lines()
        for claim in claims:
            # proofs uploaded for the claim belong to it
            claim.attachment_ids.filtered(lambda a: not a.res_id).sudo().write(
                {"res_model": self._name, "res_id": claim.id}
            )
        claims._prm_schedule_review()
        return claims

    def _prm_schedule_review(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for claim in self.sudo():
            reviewer = (
                claim.request_id.approved_by_id
                or claim.partner_id.prm_manager_id
                or claim.budget_id.create_uid
            )
            claim.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Review fund claim"),
                user_id=reviewer.id,
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _prm_lock_requests(self):
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM prm_fund_request WHERE id IN %s FOR UPDATE NOWAIT",
                    [tuple(self.request_id.ids)],
                )
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.SerializationFailure):
            raise UserError(
                self.env._(
                    "Another claim of this request is being approved. Please try "
                    "again in a moment."
                )
            ) from None
        self.request_id.invalidate_recordset(["claimed_amount", "claimable_amount"])

    def action_approve(self):
        require(self.env, MANAGER)
        self._prm_require_state(
            ("submitted",), self.env._("Only submitted claims can be approved.")
        )
        self._prm_lock_requests()
        for claim in self.sorted("id"):
            request = claim.request_id
            amount = funds.claim_payable(
                claim.amount_claimed,
                claim.participation_rate,
                request.approved_amount,
                request.claimed_amount,
                claim.currency_id.decimal_places,
            )
            if claim.currency_id.is_zero(amount):
                raise UserError(
                    self.env._(
                        "Nothing is left to pay on %(request)s.",
                        request=request.display_name,
                    )
                )
            claim.write(
                dict(claim._prm_decision_vals("approved"), amount_approved=amount)
            )
            claim.flush_recordset()
            claim._prm_pay()
        self._prm_decision_done()
        return True
