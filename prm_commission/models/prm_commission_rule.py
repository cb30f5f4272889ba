# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..logic import brackets as brackets_logic
from ..logic import matching, rates

COMPUTE_SELECTION = [
    ("percent_amount", "Percent of Untaxed Amount"),
    ("percent_margin", "Percent of Margin"),
    ("fixed_unit", "Fixed Amount per Unit"),
    ("fixed_order", "Fixed Amount per Order"),
]

ORDER_KIND_SELECTION = [
    ("all", "All Orders"),
    ("sourced", "Sourced Deals"),
    ("resale", "Resale (Partner's Own Purchases)"),
]

# The amounts, dates and caps of a rule: checked on every change and read by
# the engine (with the criteria and brackets).
VALUE_FIELDS = (
    "rate",
    "fixed_amount",
    "compute_mode",
    "amount_min",
    "amount_max",
    "date_from",
    "date_to",
    "cap_line",
    "cap_period",
)
CRITERIA_FIELDS = (
    "order_kind",
    "partner_ids",
    "tier_ids",
    "partner_type",
    "product_ids",
    "categ_ids",
)


class PrmCommissionRule(models.Model):
    _name = "prm.commission.rule"
    _inherit = ["prm.commission.plan.part"]
    _description = "Commission Rule"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    plan_id = fields.Many2one(
        "prm.commission.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    compute_mode = fields.Selection(
        COMPUTE_SELECTION, string="Compute", required=True, default="percent_amount"
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(16, 4),
        help="Used by percentage rules without brackets.",
    )
    fixed_amount = fields.Monetary(currency_field="currency_id")
    order_kind = fields.Selection(
        ORDER_KIND_SELECTION,
        string="Orders",
        required=True,
        default="all",
        help="Sourced deals: orders of the end customers the partner brought. "
        "Resale: the partner's own purchases (the order's customer is the "
        "partner itself, e.g. in the shop). A rule for one kind of order "
        "beats a rule for all orders.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Partners",
        domain="[('prm_is_partner', '=', True)]",
    )
    tier_ids = fields.Many2many("prm.tier", string="Tiers", check_company=True)
    partner_type = fields.Selection(
        selection="_selection_partner_type",
        help="Only partners of this type match the rule.",
    )
    product_ids = fields.Many2many("product.product", string="Products")
    categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Products of these categories and of their child categories.",
    )
    amount_min = fields.Monetary(
        string="Order Amount From",
        currency_field="currency_id",
        help="Untaxed order amount, in the plan currency. 0 means no minimum.",
    )
    amount_max = fields.Monetary(
        string="Order Amount To",
        currency_field="currency_id",
        help="0 means no maximum.",
    )
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")
    cap_line = fields.Monetary(
        string="Cap per Line",
        currency_field="currency_id",
        help="Maximum commission of one order line. 0 means no cap.",
    )
    cap_period = fields.Monetary(
        string="Cap per Period",
        currency_field="currency_id",
        help="Maximum commission of one partner with this rule in one plan period. "
        "0 means no cap.",
    )
    bracket_ids = fields.One2many(
        "prm.commission.bracket", "rule_id", string="Brackets", copy=True
    )
    use_brackets = fields.Boolean(
        compute="_compute_use_brackets",
        help="Percentage taken from the brackets by cumulative sales in the period.",
    )

    @api.model
    def _selection_partner_type(self):
        field = self.env["res.partner"]._fields.get("prm_partner_type")
        if not field:
            return []
        return field._description_selection(self.env)

    @api.depends("bracket_ids")
    def _compute_use_brackets(self):
        for rule in self:
            rule.use_brackets = bool(rule.bracket_ids)

    @api.constrains(*VALUE_FIELDS, "plan_id")
    def _check_rule_values(self):
        for rule in self:
            problems = rates.validate_rule(
                rule._prm_to_logic(), max_rate=rule.company_id.prm_commission_max_rate
            )
            if problems:
                raise ValidationError(rule._prm_problem_message(problems))

    def _prm_problem_message(self, problems):
        self.ensure_one()
        messages = {
            "unknown_compute": self.env._("Unknown computation."),
            "negative_rate": self.env._("The rate cannot be negative."),
            "negative_fixed": self.env._("The fixed amount cannot be negative."),
            "negative_cap": self.env._("Caps cannot be negative."),
            "above_max": self.env._(
                "The rate %(rate)s%% is above the company maximum of %(max)s%%.",
                rate=self.rate,
                max=self.company_id.prm_commission_max_rate,
            ),
            "amount_range": self.env._(
                "The minimum order amount is above the maximum order amount."
            ),
            "date_range": self.env._("The validity start date is after the end date."),
            "bracket_negative_rate": self.env._("A bracket rate cannot be negative."),
            "bracket_negative_from": self.env._("A bracket cannot start below zero."),
            "bracket_empty_range": self.env._("A bracket must end above its start."),
            "bracket_above_max": self.env._(
                "A bracket rate is above the company maximum of %(max)s%%.",
                max=self.company_id.prm_commission_max_rate,
            ),
            "bracket_overlap": self.env._(
                "Brackets overlap: each amount needs a single rate."
            ),
            "bracket_gap": self.env._(
                "Brackets leave a gap: each bracket must start where the previous "
                "one ends."
            ),
        }
        details = "\n".join(messages.get(code, code) for code in problems)
        return self.env._(
            "Commission rule %(rule)s is not valid:\n%(details)s",
            rule=self.display_name,
            details=details,
        )

    def _prm_to_logic_batch(self):
        """:meth:`_prm_to_logic` of every rule, read in one query per table."""
        self.fetch(["name", "sequence", *VALUE_FIELDS, *CRITERIA_FIELDS, "bracket_ids"])
        self.bracket_ids.fetch(["amount_from", "amount_to", "rate"])
        return [rule._prm_to_logic() for rule in self]

    def _prm_to_logic(self, categ_paths=None):
        """Plain dataclass for the logic package (no query when prefetched)."""
        self.ensure_one()
        return matching.Rule(
            id=self.id or 0,
            name=self.name or "",
            sequence=self.sequence,
            compute=self.compute_mode,
            rate=self.rate,
            fixed_amount=self.fixed_amount,
            order_kind=self.order_kind or matching.ORDER_KIND_ALL,
            partner_ids=self.partner_ids.ids,
            tier_ids=self.tier_ids.ids,
            partner_types={self.partner_type} if self.partner_type else (),
            product_ids=self.product_ids.ids,
            categ_ids=self.categ_ids.ids,
            amount_min=self.amount_min or None,
            amount_max=self.amount_max or None,
            date_from=self.date_from or None,
            date_to=self.date_to or None,
            cap_line=self.cap_line,
            cap_period=self.cap_period,
            brackets=tuple(
                brackets_logic.Bracket(
                    amount_from=bracket.amount_from,
                    amount_to=bracket.amount_to or None,
                    rate=bracket.rate,
                    id=bracket.id,
                )
                for bracket in self.bracket_ids
            ),
        )
