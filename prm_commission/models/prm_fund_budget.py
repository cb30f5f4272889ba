# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.prm_partner.access import MANAGER, require

from ..logic import funds

ACTIVITY_TYPES = [
    ("event", "Event"),
    ("digital_ad", "Digital Advertising"),
    ("print", "Print"),
    ("trade_show", "Trade Show"),
    ("training", "Training"),
    ("other", "Other"),
]


class PrmFundBudget(models.Model):
    _name = "prm.fund.budget"
    _description = "Market Development Fund Budget"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda s: s.env.company.currency_id,
    )
    date_from = fields.Date(string="Period Start", required=True)
    date_to = fields.Date(string="Period End", required=True)
    amount = fields.Monetary(string="Budget", required=True, tracking=True)
    tier_ids = fields.Many2many(
        "prm.tier",
        string="Eligible Tiers",
        help="Partners of these tiers may request funds. Empty: every tier.",
    )
    partner_type_ids = fields.Many2many(
        "prm.partner.type",
        string="Eligible Partner Types",
        help="Only partners of these types may request funds. Empty: every type.",
    )
    allocation_ids = fields.One2many(
        "prm.fund.allocation", "budget_id", string="Allocations"
    )
    participation_rate = fields.Float(
        string="Participation Rate (%)",
        default=50.0,
        tracking=True,
        help="Share of each claimed amount the vendor pays.",
    )
    allow_event = fields.Boolean(string="Events", default=True)
    allow_digital_ad = fields.Boolean(string="Digital Advertising", default=True)
    allow_print = fields.Boolean(string="Print", default=True)
    allow_trade_show = fields.Boolean(string="Trade Shows", default=True)
    allow_training = fields.Boolean(string="Trainings", default=True)
    allow_other = fields.Boolean(string="Other Activities", default=True)
    claim_deadline_days = fields.Integer(
        string="Claim Deadline (days)",
        default=60,
        help="Days after the end of an activity to claim it.",
    )
    expense_account_id = fields.Many2one(
        "account.account",
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        help="Account of the vendor bills created from the claims.",
    )
    request_ids = fields.One2many("prm.fund.request", "budget_id", string="Requests")
    claim_ids = fields.One2many("prm.fund.claim", "budget_id", string="Claims")
    allocated_amount = fields.Monetary(
        string="Allocated", compute="_compute_allocated_amount", store=True
    )
    requested_amount = fields.Monetary(
        string="Approved Requests", compute="_compute_figures", store=True
    )
    claimed_amount = fields.Monetary(
        string="Claimed", compute="_compute_figures", store=True
    )
    paid_amount = fields.Monetary(string="Paid", compute="_compute_figures", store=True)
    remaining_amount = fields.Monetary(
        string="Remaining", compute="_compute_figures", store=True
    )
    request_count = fields.Integer(compute="_compute_counts")
    claim_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A budget cannot be negative."),
    ]

    @api.depends("allocation_ids.amount")
    def _compute_allocated_amount(self):
        for budget in self:
            budget.allocated_amount = sum(budget.allocation_ids.mapped("amount"))

    def _prm_sums(self):
        """{budget id: (requested, claimed, paid)}, read in two queries."""
        reserved = (
            self.env["prm.fund.request"]
            .sudo()
            ._read_group(
                [
                    ("budget_id", "in", self.ids),
                    ("state", "in", funds.RESERVING_STATES),
                ],
                ["budget_id"],
                ["approved_amount:sum"],
            )
        )
        claims = (
            self.env["prm.fund.claim"]
            .sudo()
            ._read_group(
                [
                    ("budget_id", "in", self.ids),
                    ("state", "in", funds.USING_CLAIM_STATES),
                ],
                ["budget_id", "state"],
                ["amount_approved:sum"],
            )
        )
        sums = {budget.id: [total, 0.0, 0.0] for budget, total in reserved}
        for budget, state, total in claims:
            row = sums.setdefault(budget.id, [0.0, 0.0, 0.0])
            row[1] += total
            if state == "paid":
                row[2] += total
        return sums

    @api.depends(
        "amount",
        "request_ids.state",
        "request_ids.approved_amount",
        "claim_ids.state",
        "claim_ids.amount_approved",
    )
    def _compute_figures(self):
        sums = self._prm_sums() if self.ids else {}
        for budget in self:
            requested, claimed, paid = sums.get(budget.id, (0.0, 0.0, 0.0))
            figures = funds.BudgetFigures(
                amount=budget.amount,
                allocated=budget.allocated_amount,
                requested=requested,
                claimed=claimed,
                paid=paid,
            )
            budget.requested_amount = requested
            budget.claimed_amount = claimed
            budget.paid_amount = paid
            budget.remaining_amount = figures.remaining

    def _compute_counts(self):
        request_counts = dict(
            self.env["prm.fund.request"]._read_group(
                [("budget_id", "in", self.ids)], ["budget_id"], ["__count"]
            )
        )
        claim_counts = dict(
            self.env["prm.fund.claim"]._read_group(
                [("budget_id", "in", self.ids)], ["budget_id"], ["__count"]
            )
        )
        for budget in self:
            budget.request_count = request_counts.get(budget, 0)
            budget.claim_count = claim_counts.get(budget, 0)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for budget in self:
            if budget.date_from > budget.date_to:
                raise ValidationError(
                    self.env._("A budget period cannot end before it starts.")
                )

    @api.constrains("participation_rate")
    def _check_participation_rate(self):
        for budget in self:
            if not 0 < budget.participation_rate <= 100:
                raise ValidationError(
                    self.env._("The participation rate must be between 0 and 100%.")
                )

    @api.constrains("amount", "allocation_ids")
    def _check_allocations(self):
        for budget in self:
            total = sum(budget.allocation_ids.mapped("amount"))
            if budget.currency_id.compare_amounts(total, budget.amount) > 0:
                raise ValidationError(
                    self.env._(
                        "The allocations of %(budget)s exceed its amount.",
                        budget=budget.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _prm_allowed_activity_types(self):
        self.ensure_one()
        return [code for code in funds.ACTIVITY_TYPES if self[f"allow_{code}"]]

    def _prm_is_eligible(self, partner):
        """Whether ``partner`` (a commercial partner) may draw on the budget."""
        self.ensure_one()
        if self.tier_ids and partner.prm_tier_id not in self.tier_ids:
            return False
        if (
            self.partner_type_ids
            and partner.prm_partner_type not in self.partner_type_ids.mapped("code")
        ):
            return False
        if self.allocation_ids and partner not in self.allocation_ids.partner_id:
            return False
        return True

    def _prm_partner_requested(self, partner):
        self.ensure_one()
        reservations = (
            self.env["prm.fund.request"]
            .sudo()
            .search(
                [
                    ("budget_id", "=", self.id),
                    ("partner_id", "=", partner.id),
                    ("state", "in", funds.RESERVING_STATES),
                ]
            )
        )
        return sum(reservations.mapped("approved_amount"))

    def _prm_available_for(self, partner):
        """What ``partner`` may still be granted on this budget."""
        self.ensure_one()
        allocation = self.allocation_ids.filtered(lambda a: a.partner_id == partner)
        return funds.available(
            self.remaining_amount,
            allocation.amount if allocation else None,
            self._prm_partner_requested(partner),
        )

    def _prm_lock(self):
        """Lock the budget rows until the end of the transaction. A concurrent
        approval on the same budget is refused rather than queued: it could
        not see the money this one reserves."""
        require(self.env, MANAGER)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM prm_fund_budget WHERE id IN %s FOR UPDATE NOWAIT",
                    [tuple(self.ids)],
                )
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.SerializationFailure):
            raise UserError(
                self.env._(
                    "Another approval on this budget is in progress. Please try "
                    "again in a moment."
                )
            ) from None
        # read again what the other transactions committed before the lock
        self.invalidate_recordset(
            ["requested_amount", "claimed_amount", "paid_amount", "remaining_amount"]
        )

    def _prm_reserve(self, partner, amount):
        """Check that ``amount`` may be granted to ``partner``; call under
        :meth:`_prm_lock`."""
        self.ensure_one()
        allocation = self.allocation_ids.filtered(lambda a: a.partner_id == partner)
        try:
            return funds.check_grant(
                amount,
                self.remaining_amount,
                allocation.amount if allocation else None,
                self._prm_partner_requested(partner),
            )
        except funds.FundError as error:
            if error.code == "not_positive":
                raise UserError(
                    self.env._("The approved amount must be greater than zero.")
                ) from None
            raise UserError(
                self.env._(
                    "Only %(remaining)s is left on %(budget)s for %(partner)s: "
                    "%(amount)s cannot be approved.",
                    remaining=format_amount(
                        self.env, error.params["remaining"], self.currency_id
                    ),
                    budget=self.display_name,
                    partner=partner.display_name,
                    amount=format_amount(self.env, amount, self.currency_id),
                )
            ) from None

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_fund_request_action"
        )
        action["domain"] = [("budget_id", "=", self.id)]
        action["context"] = {"default_budget_id": self.id}
        return action

    def action_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_fund_claim_action"
        )
        action["domain"] = [("budget_id", "=", self.id)]
        action["context"] = {}
        return action
