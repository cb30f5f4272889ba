# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.prm_partner import access

PAID_PAYMENT_STATES = ("paid", "in_payment")
MONEY_FIELDS = ("amount", "amount_company", "base_amount", "rate", "currency_id")

# The fields the computation writes, by where their value comes from. The
# same lists serve to read existing lines, to compare, for the columns of the
# bulk insert and for the values of a reversal.
#: read from the sale line (see prm.commission.source)
SOURCE_FIELDS = (
    "partner_id",
    "order_id",
    "order_line_id",
    "customer_id",
    "product_id",
    "categ_id",
    "tier_id",
    "quantity",
    "date",
)
#: line field -> attribute of the engine's ``Result`` it is stored from
RESULT_FIELDS = {
    "kind": "kind",
    "rule_id": "rule_id",
    "spiff_id": "spiff_id",
    "sales_amount": "sales_amount",
    "base_amount": "base",
    "rate": "rate",
    "fixed_amount": "fixed_amount",
    "amount": "amount",
    "explanation": "explanation",
    "period_start": "period_start",
}
#: set by the plan and the run
RUN_FIELDS = ("plan_id", "currency_id", "amount_company", "state", "company_id")
COMPUTED_FIELDS = SOURCE_FIELDS + tuple(RESULT_FIELDS) + RUN_FIELDS
#: what a reversal takes back a share of
REVERSED_FIELDS = ("quantity", "sales_amount", "base_amount")


class PrmCommissionLine(models.Model):
    _name = "prm.commission.line"
    _description = "Commission Line"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        help="Channel partner earning the commission (company partner).",
    )
    order_id = fields.Many2one("sale.order", index=True, ondelete="set null")
    order_line_id = fields.Many2one("sale.order.line", index=True, ondelete="set null")
    customer_id = fields.Many2one("res.partner", help="Customer of the sale order.")
    product_id = fields.Many2one("product.product")
    categ_id = fields.Many2one("product.category", string="Product Category")
    tier_id = fields.Many2one("prm.tier")
    plan_id = fields.Many2one("prm.commission.plan", index=True)
    rule_id = fields.Many2one("prm.commission.rule", ondelete="set null")
    spiff_id = fields.Many2one(
        "prm.commission.spiff", string="SPIFF", ondelete="set null"
    )
    kind = fields.Selection(
        [
            ("rule", "Commission"),
            ("spiff", "SPIFF"),
            ("reversal", "Reversal"),
            ("fund", "Marketing Fund"),
        ],
        required=True,
        default="rule",
    )
    origin_line_id = fields.Many2one(
        "prm.commission.line",
        string="Reversed Line",
        index=True,
        ondelete="restrict",
    )
    reversal_line_ids = fields.One2many(
        "prm.commission.line", "origin_line_id", string="Reversals"
    )
    refund_move_id = fields.Many2one(
        "account.move", string="Credit Note", ondelete="set null"
    )
    source_key = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        help="Identifies what produced the line: computing again updates the "
        "same line instead of adding one.",
    )
    quantity = fields.Float(digits="Product Unit of Measure")
    sales_amount = fields.Monetary(
        help="Untaxed amount sold, in the commission currency."
    )
    # The base of margin rules is the vendor's margin: staff only.
    base_amount = fields.Monetary(
        string="Base",
        help="Untaxed amount or margin the rate applies to.",
        groups="prm_partner.group_prm_user",
    )
    rate = fields.Float(string="Rate (%)", digits=(16, 4))
    fixed_amount = fields.Monetary()
    amount = fields.Monetary(string="Commission")
    currency_id = fields.Many2one("res.currency", required=True)
    amount_company = fields.Monetary(
        string="Commission (Company Currency)", currency_field="company_currency_id"
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    explanation = fields.Text(groups="prm_partner.group_prm_user")
    partner_explanation = fields.Text(
        compute="_compute_partner_explanation",
        help="What the partner reads on the portal and its statement: the "
        "explanation, except the margin and costs of margin rules.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("settled", "Settled"),
            ("cancelled", "Cancelled"),
            ("reversed", "Reversed"),
        ],
        required=True,
        default="draft",
        index=True,
        help="Draft: forecast before the plan's basis event. Confirmed: due and "
        "ready to settle. Settled: in a settlement. Reversed: fully clawed back "
        "before being settled.",
    )
    settlement_id = fields.Many2one(
        "prm.commission.settlement",
        index=True,
        ondelete="set null",
        copy=False,
        check_company=True,
    )
    date = fields.Date(required=True, index=True)
    period_start = fields.Date(help="First day of the plan period of the line.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )

    _sql_constraints = [
        (
            "source_key_uniq",
            "unique(source_key)",
            "A commission line already exists for this source: commissions are "
            "never counted twice.",
        ),
        (
            "settled_has_settlement",
            "CHECK(state != 'settled' OR settlement_id IS NOT NULL)",
            "A settled commission line must belong to a settlement.",
        ),
    ]

    @api.depends("order_id", "product_id", "kind", "spiff_id")
    def _compute_display_name(self):
        for line in self:
            parts = [line.order_id.name or "", line.product_id.display_name or ""]
            if line.kind == "spiff" and line.spiff_id:
                parts.append(line.spiff_id.name)
            elif line.kind == "reversal":
                parts.append(self.env._("Reversal"))
            line.display_name = " / ".join(part for part in parts if part) or str(
                line.id
            )

    @api.depends("explanation", "rule_id.compute_mode", "rate", "kind")
    def _compute_partner_explanation(self):
        for line in self.sudo():
            if line.rule_id.compute_mode == "percent_margin":
                rate = format(round(line.rate, 4), "g")
                text = (
                    self.env._(
                        "%(rule)s: %(rate)s%% of the margin of this sale",
                        rule=line.rule_id.name,
                        rate=rate,
                    )
                    if line.kind == "rule"
                    else self.env._(
                        "Reversal of a commission of %(rate)s%% of the margin",
                        rate=rate,
                    )
                )
            else:
                text = line.explanation
            line.partner_explanation = text

    @api.constrains("settlement_id", "currency_id", "company_id", "partner_id")
    def _check_settlement_match(self):
        for line in self.filtered("settlement_id"):
            settlement = line.settlement_id
            if line.currency_id != settlement.currency_id:
                raise ValidationError(
                    self.env._(
                        "Settlement %(settlement)s is in %(currency)s but line "
                        "%(line)s is in %(line_currency)s.",
                        settlement=settlement.display_name,
                        currency=settlement.currency_id.name,
                        line=line.display_name,
                        line_currency=line.currency_id.name,
                    )
                )
            if line.company_id != settlement.company_id:
                raise ValidationError(
                    self.env._(
                        "Settlement %(settlement)s belongs to %(company)s but line "
                        "%(line)s belongs to %(line_company)s.",
                        settlement=settlement.display_name,
                        company=settlement.company_id.name,
                        line=line.display_name,
                        line_company=line.company_id.name,
                    )
                )
            if line.partner_id != settlement.partner_id:
                raise ValidationError(
                    self.env._(
                        "Line %(line)s belongs to another partner than settlement "
                        "%(settlement)s.",
                        line=line.display_name,
                        settlement=settlement.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        self.check_access("write")
        if "settlement_id" in vals and vals["settlement_id"]:
            for line in self:
                if (
                    line.settlement_id
                    and line.settlement_id.id != vals["settlement_id"]
                    and line.settlement_id.state != "cancelled"
                ):
                    raise ValidationError(
                        self.env._(
                            "Commission line %(line)s already belongs to the live "
                            "settlement %(settlement)s.",
                            line=line.display_name,
                            settlement=line.settlement_id.display_name,
                        )
                    )
        # Only the settlement code (as superuser) may move settled amounts.
        settling = access.is_internal(self.env, "prm_commission_settling")
        if not settling and any(field in vals for field in MONEY_FIELDS):
            if self.filtered(lambda line: line.state == "settled"):
                raise UserError(
                    self.env._("The amounts of settled commissions cannot change.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unsettled(self):
        if self.filtered(lambda line: line.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._(
                    "Only draft or cancelled commission lines can be deleted; "
                    "confirmed and settled commissions are kept for the record."
                )
            )

    # ------------------------------------------------------------------
    # Cancellation and reversals
    # ------------------------------------------------------------------
    def _prm_cancel(self, cancelled_orders):
        """Cancel unsettled lines; reverse settled ones of cancelled orders."""
        unsettled = self.filtered(lambda line: line.state in ("draft", "confirmed"))
        if unsettled:
            # reversals of lines we cancel are void as well
            reversals = unsettled.reversal_line_ids.filtered(
                lambda line: line.state in ("draft", "confirmed")
            )
            (unsettled | reversals).write({"state": "cancelled"})
        settled = self.filtered(
            lambda line: line.state == "settled"
            and line.order_id in cancelled_orders
            and line.order_id.state == "cancel"
        )
        if settled:
            settled._prm_reverse_settled_for_cancel()

    def _prm_reverse_settled_for_cancel(self):
        vals_list = []
        keys = {f"cancel:{line.id}" for line in self}
        done = set(self.search([("source_key", "in", list(keys))]).mapped("source_key"))
        reversed_so_far = self._prm_reversed_amounts()
        texts = self.env["prm.commission.compute"]
        for line in self:
            key = f"cancel:{line.id}"
            if key in done:
                continue
            remaining = line.amount + reversed_so_far.get(line.id, 0.0)
            if line.currency_id.is_zero(remaining):
                continue
            vals = line._prm_reversal_vals(key, -remaining, 1.0)
            vals["explanation"] = self.env._(
                "The order %(order)s was cancelled after this commission was "
                "settled: %(amount)s is taken back.",
                order=line.order_id.name,
                amount=texts._prm_formatter(line.currency_id)(-remaining),
            )
            vals_list.append(vals)
        return self.create(vals_list)

    def _prm_reversed_amounts(self):
        groups = self._read_group(
            [
                ("origin_line_id", "in", self.ids),
                ("kind", "=", "reversal"),
                ("state", "!=", "cancelled"),
            ],
            ["origin_line_id"],
            ["amount:sum"],
        )
        return {origin.id: total for origin, total in groups}

    def _prm_reversal_vals(self, key, amount, ratio):
        """Values of the line reversing ``ratio`` of this one by ``amount``."""
        self.ensure_one()
        company = self.company_id
        today = fields.Date.context_today(self)
        vals = {
            name: self[name].id
            for name in COMPUTED_FIELDS
            if self._fields[name].type == "many2one"
        }
        vals.update({name: -self[name] * ratio for name in REVERSED_FIELDS})
        vals.update(
            kind="reversal",
            origin_line_id=self.id,
            source_key=key,
            rate=self.rate,
            fixed_amount=self.fixed_amount,
            amount=amount,
            amount_company=self.currency_id._convert(
                amount, company.currency_id, company, today
            ),
            state="confirmed",
            date=today,
            period_start=self.period_start,
        )
        return vals

    # ------------------------------------------------------------------
    # Helpers for settlements
    # ------------------------------------------------------------------
    @api.model
    def _prm_settleable_domain(self, date_from, date_to, partners=None, company=None):
        domain = [
            ("state", "=", "confirmed"),
            ("settlement_id", "=", False),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        if partners:
            domain.append(("partner_id", "in", partners.ids))
        if company:
            domain.append(("company_id", "=", company.id))
        return domain
