# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PrmFundAllocation(models.Model):
    _name = "prm.fund.allocation"
    _description = "Market Development Fund Allocation"
    _order = "budget_id, partner_id"
    _check_company_auto = True

    budget_id = fields.Many2one(
        "prm.fund.budget", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="budget_id.company_id", store=True)
    currency_id = fields.Many2one(related="budget_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain="[('prm_is_partner', '=', True), ('is_company', '=', True)]",
    )
    amount = fields.Monetary(required=True)
    requested_amount = fields.Monetary(
        string="Approved Requests", compute="_compute_requested_amount"
    )

    _sql_constraints = [
        (
            "partner_unique",
            "UNIQUE(budget_id, partner_id)",
            "A partner has one allocation per budget.",
        ),
        ("amount_positive", "CHECK(amount >= 0)", "An allocation cannot be negative."),
    ]

    @api.depends("budget_id", "partner_id")
    def _compute_requested_amount(self):
        groups = (
            self.env["prm.fund.request"]
            .sudo()
            ._read_group(
                [
                    ("budget_id", "in", self.budget_id.ids),
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "=", "approved"),
                ],
                ["budget_id", "partner_id"],
                ["approved_amount:sum"],
            )
        )
        totals = {(b.id, p.id): total for b, p, total in groups}
        for allocation in self:
            allocation.requested_amount = totals.get(
                (allocation.budget_id.id, allocation.partner_id.id), 0.0
            )

    @api.constrains("amount", "budget_id")
    def _check_budget_amount(self):
        self.budget_id._check_allocations()

    @api.constrains("partner_id")
    def _check_partner(self):
        for allocation in self:
            if allocation.partner_id.commercial_partner_id != allocation.partner_id:
                raise ValidationError(
                    self.env._("Funds go to partner companies, not contacts.")
                )
