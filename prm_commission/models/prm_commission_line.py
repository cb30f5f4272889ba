# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import code_translations

from ..logic import clawback, engine, matching, money

UNSETTLED_STATES = ("draft", "confirmed", "cancelled")
PAID_PAYMENT_STATES = ("paid", "in_payment")
MONEY_FIELDS = ("amount", "amount_company", "base_amount", "rate", "currency_id")


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
        [("rule", "Commission"), ("spiff", "SPIFF"), ("reversal", "Reversal")],
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
        settling = self.env.su and self.env.context.get("prm_commission_settling")
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
    # Computation
    # ------------------------------------------------------------------
    def _prm_translate(self):
        lang = self.env.lang or "en_US"
        if lang == "en_US":
            return None
        translations = code_translations.get_python_translations("prm_commission", lang)
        return lambda source: translations.get(source, source)

    @api.model
    def _prm_sync_orders(self, orders):
        """Create, update or cancel the commission lines of ``orders``.

        Works on the whole batch with a number of queries that does not
        depend on the number of orders: sources, rules and existing lines are
        fetched once per batch, rules matched in memory and new lines inserted
        with a single statement.
        """
        lines_model = self.sudo()
        if not orders:
            return lines_model
        # one query whatever the number of orders (exists() splits by 1,000)
        orders = self.env["sale.order"].sudo().search([("id", "in", orders.ids)])
        orders.fetch(["state", "prm_partner_id", "company_id", "currency_id"])
        existing = lines_model.search([("order_id", "in", orders.ids)])
        existing.fetch(
            [
                "source_key",
                "state",
                "kind",
                "plan_id",
                "order_id",
                "settlement_id",
                "rule_id",
                "quantity",
                "sales_amount",
                "amount",
            ]
        )
        by_key = {line.source_key: line for line in existing}
        orders_by_plan = orders._prm_commission_plans()
        active_ids = set()
        for plan_orders in orders_by_plan.values():
            active_ids.update(plan_orders.ids)
        touched_ids = set()
        for plan, plan_orders in orders_by_plan.items():
            touched_ids.update(
                lines_model._prm_compute_plan(plan, plan_orders, by_key).ids
            )
        # Lines of orders without plan or not confirmed, and lines whose rule
        # no longer matches, are cancelled (settled ones are reversed).
        leftovers = existing.filtered(
            lambda line: line.kind != "reversal" and line.id not in touched_ids
        )
        if leftovers:
            inactive = orders.filtered(lambda order: order.id not in active_ids)
            leftovers._prm_cancel(inactive)
        return lines_model.browse(sorted(touched_ids))

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
                amount=money.format_amount(
                    -remaining, line.currency_id.rounding, line.currency_id.symbol
                ),
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
        self.ensure_one()
        company = self.company_id
        return {
            "partner_id": self.partner_id.id,
            "order_id": self.order_id.id,
            "order_line_id": self.order_line_id.id,
            "customer_id": self.customer_id.id,
            "product_id": self.product_id.id,
            "categ_id": self.categ_id.id,
            "tier_id": self.tier_id.id,
            "plan_id": self.plan_id.id,
            "rule_id": self.rule_id.id,
            "spiff_id": self.spiff_id.id,
            "kind": "reversal",
            "origin_line_id": self.id,
            "source_key": key,
            "quantity": -self.quantity * ratio,
            "sales_amount": -self.sales_amount * ratio,
            "base_amount": -self.base_amount * ratio,
            "rate": self.rate,
            "fixed_amount": self.fixed_amount,
            "amount": amount,
            "currency_id": self.currency_id.id,
            "amount_company": self.currency_id._convert(
                amount, company.currency_id, company, fields.Date.context_today(self)
            ),
            "state": "confirmed",
            "date": fields.Date.context_today(self),
            "period_start": self.period_start,
            "company_id": company.id,
        }

    def _prm_fetch_sources(self, orders):
        """Load every field the computation reads, one query per table."""
        orders.fetch(
            ["date_order", "amount_untaxed", "partner_id", "name", "prm_tier_id"]
        )
        sale_lines = (
            self.env["sale.order.line"]
            .sudo()
            .search(
                [
                    ("order_id", "in", orders.ids),
                    ("display_type", "=", False),
                    ("product_id", "!=", False),
                ],
                order="order_id, sequence, id",
            )
        )
        sale_lines.fetch(
            [
                "order_id",
                "product_id",
                "product_uom_qty",
                "price_subtotal",
                "purchase_price",
                "invoice_lines",
            ]
        )
        partners = orders.prm_partner_id | orders.partner_id
        partners.fetch(["commercial_partner_id"])
        commercial = partners.commercial_partner_id
        commercial.fetch(["prm_partner_type"])
        products = sale_lines.product_id
        products.fetch(["product_tmpl_id"])
        products.product_tmpl_id.fetch(["categ_id"])
        products.categ_id.fetch(["parent_path"])
        invoice_lines = sale_lines.invoice_lines
        if invoice_lines:
            invoice_lines.fetch(
                ["move_id", "quantity", "price_subtotal", "currency_id"]
            )
            invoice_lines.move_id.fetch(
                ["move_type", "state", "payment_state", "invoice_date"]
            )
        return sale_lines

    def _prm_compute_plan(self, plan, orders, by_key):
        """Compute the lines of ``orders`` (all confirmed, all under ``plan``)."""
        sale_lines = self._prm_fetch_sources(orders)
        rates_cache = {}

        def convert(amount, from_currency, to_currency, company, date):
            if from_currency == to_currency:
                return amount
            key = (from_currency.id, to_currency.id, company.id, date)
            if key not in rates_cache:
                rates_cache[key] = from_currency._get_conversion_rate(
                    from_currency, to_currency, company, date
                )
            return amount * rates_cache[key]

        settled, fixed_paid = self._prm_settled_parts(plan, by_key)
        due_inputs, draft_inputs, sol_of_key, adjust_notes = [], [], {}, {}
        for sol in sale_lines:
            order = sol.order_id
            partner = order.prm_partner_id.commercial_partner_id
            due, quantity, amount, date = sol._prm_commission_basis(plan.basis)
            args = (order.currency_id, plan.currency_id, order.company_id, date)
            amount = convert(amount, *args)
            key = sol.id
            done = settled.get(sol.id)
            if done is not None:
                if done["frozen"]:
                    continue
                # Settled commissions never change: only the difference between
                # the source now and what was settled earns (or gives back).
                quantity -= done["quantity"]
                amount = plan.currency_id.round(amount - done["sales_amount"])
                if plan.currency_id.is_zero(amount) and abs(quantity) < 1e-6:
                    continue
                if done["batch"]:
                    key = f"{sol.id}:adj:{done['batch']}"
                units = format(quantity, "g")
                sales = money.format_amount(
                    amount, plan.currency_id.rounding, plan.currency_id.symbol
                )
                adjust_notes[key] = self.env._(
                    "Adjustment of a settled commission: %(quantity)s units and "
                    "%(amount)s of sales more than settled (negative: less).",
                    quantity=units,
                    amount=sales,
                )
            cost = convert(sol._prm_commission_cost(quantity), *args)
            item = matching.SaleLine(
                key=key,
                order_id=order.id,
                partner_id=partner.id,
                tier_id=order.prm_tier_id.id,
                partner_type=partner.prm_partner_type or None,
                product_id=sol.product_id.id,
                categ_path=sol.product_id.categ_id.parent_path or "",
                date=date,
                quantity=quantity,
                amount=amount,
                cost=cost,
                order_amount=convert(order.amount_untaxed, *args),
            )
            sol_of_key[key] = {
                "partner_id": partner.id,
                "order_id": order.id,
                "order_line_id": sol.id,
                "customer_id": order.partner_id.commercial_partner_id.id,
                "product_id": sol.product_id.id,
                "categ_id": sol.product_id.categ_id.id,
                "tier_id": order.prm_tier_id.id,
                "quantity": quantity,
                "date": date,
            }
            (due_inputs if due else draft_inputs).append(item)
        if not sol_of_key:
            return self.browse()
        rules = plan.rule_ids.filtered("active")
        rules.fetch(
            [
                "name",
                "sequence",
                "compute_mode",
                "rate",
                "fixed_amount",
                "partner_ids",
                "tier_ids",
                "partner_type",
                "product_ids",
                "categ_ids",
                "amount_min",
                "amount_max",
                "date_from",
                "date_to",
                "cap_line",
                "cap_period",
                "bracket_ids",
            ]
        )
        rules.bracket_ids.fetch(["amount_from", "amount_to", "rate"])
        logic_rules = [rule._prm_to_logic() for rule in rules]
        spiffs = plan.spiff_ids.filtered("active")
        logic_spiffs = [spiff._prm_to_logic() for spiff in spiffs]
        cumulative_sales, cumulative_commission = self._prm_cumulatives(
            plan, due_inputs + draft_inputs, by_key, rules
        )
        options = {
            "period": plan.period,
            "rounding": plan.currency_id.rounding,
            "symbol": plan.currency_id.symbol or "",
            "translate": self._prm_translate(),
        }
        first = engine.Engine(
            logic_rules,
            logic_spiffs,
            cumulative_sales=cumulative_sales,
            cumulative_commission=cumulative_commission,
            **options,
        )
        results = [
            (result, "confirmed")
            for result in first.run(
                due_inputs, share_with=draft_inputs, fixed_paid=fixed_paid
            )
        ]
        if draft_inputs:
            second = engine.Engine(
                logic_rules,
                logic_spiffs,
                cumulative_sales=dict(first.cumulative_sales),
                cumulative_commission=dict(first.cumulative_commission),
                **options,
            )
            results += [
                (result, "draft")
                for result in second.run(
                    draft_inputs, share_with=due_inputs, fixed_paid=fixed_paid
                )
            ]
        for result, _state in results:
            if result.key in adjust_notes:
                result.explanation = f"{adjust_notes[result.key]} {result.explanation}"
        return self._prm_store_results(plan, results, sol_of_key, by_key, convert)

    @api.model
    def _prm_parse_key(self, key):
        """``(kind, sale line id, adjustment number)`` of a computed line key.

        Keys: ``rule:<sol>``, ``spiff:<sol>:<spiff>``, and for adjustments
        after a settlement ``rule:<sol>:adj:<n>``, ``spiff:<sol>:adj:<n>:<spiff>``.
        Returns ``None`` for reversal keys.
        """
        parts = key.split(":")
        if parts[0] not in ("rule", "spiff") or len(parts) < 2:
            return None
        batch = int(parts[3]) if len(parts) > 3 and parts[2] == "adj" else 0
        return parts[0], int(parts[1]), batch

    def _prm_settled_parts(self, plan, by_key):
        """What was already settled, per sale line and per fixed-per-order rule.

        Returns ``(settled, fixed_paid)``: ``settled`` maps a sale line id with
        settled commissions to its settled quantity and sales amount, the
        number of the adjustment batch to (re)use, and ``frozen`` when a line
        was fully clawed back (nothing is recomputed then); ``fixed_paid`` maps
        ``(order id, rule id)`` to the fixed-per-order amount already settled.
        """
        batches = defaultdict(dict)  # sol id -> batch -> representative line
        fixed_paid = defaultdict(float)
        frozen, settled_batches = set(), set()
        for key, line in by_key.items():
            parsed = self._prm_parse_key(key)
            if not parsed or line.plan_id != plan:
                continue
            kind, sol_id, batch = parsed
            if line.state == "reversed":
                frozen.add(sol_id)
            elif line.state == "settled":
                settled_batches.add((sol_id, batch))
            current = batches[sol_id].get(batch)
            # the rule line stands for its batch; SPIFF lines when there is none
            if current is None or (kind == "rule" and current.kind != "rule"):
                batches[sol_id][batch] = line
            if (
                kind == "rule"
                and line.state == "settled"
                and line.rule_id.compute_mode == "fixed_order"
            ):
                fixed_paid[(line.order_id.id, line.rule_id.id)] += line.amount
        settled = {}
        for sol_id, sol_batches in batches.items():
            done = {
                batch: line
                for batch, line in sol_batches.items()
                if (sol_id, batch) in settled_batches
            }
            if not done and sol_id not in frozen:
                continue
            open_batches = sorted(set(sol_batches) - set(done))
            settled[sol_id] = {
                "frozen": sol_id in frozen,
                "quantity": sum(line.quantity for line in done.values()),
                "sales_amount": sum(line.sales_amount for line in done.values()),
                "batch": open_batches[0] if open_batches else max(sol_batches) + 1,
            }
        return settled, dict(fixed_paid)

    def _prm_cumulatives(self, plan, inputs, by_key, rules):
        """Sales and commissions already counted in the periods of ``inputs``."""
        starts = {money.period_bounds(item.date, plan.period)[0] for item in inputs}
        partner_ids = list({item.partner_id for item in inputs})
        recomputed = [
            line.id
            for key, line in by_key.items()
            if key.startswith(("rule:", "spiff:"))
            and line.state in UNSETTLED_STATES
            and line.plan_id == plan
        ]
        domain = [
            ("plan_id", "=", plan.id),
            ("kind", "in", ("rule", "reversal")),
            ("rule_id", "!=", False),
            ("state", "in", ("confirmed", "settled")),
            ("partner_id", "in", partner_ids),
            ("period_start", "in", list(starts)),
        ]
        if recomputed:
            domain.append(("id", "not in", recomputed))
        sales, commissions = {}, {}
        groups = self._read_group(
            domain,
            ["partner_id", "rule_id", "period_start:day"],
            ["sales_amount:sum", "amount:sum"],
        )
        for partner, rule, start, sales_total, amount_total in groups:
            start = fields.Date.to_date(start)
            key = (partner.id, start)
            sales[key] = sales.get(key, 0.0) + sales_total
            if rule in rules:
                commissions[(partner.id, rule.id, start)] = amount_total
        return sales, commissions

    def _prm_store_results(self, plan, results, sol_of_key, by_key, convert):
        company = plan.company_id
        create_vals, touched_ids = [], []
        changed = [
            line for key, line in by_key.items() if key.startswith(("rule:", "spiff:"))
        ]
        if changed:
            self.browse([line.id for line in changed]).fetch(
                list(self._prm_store_fields())
            )
        fixed_modes = {
            rule.id
            for rule in plan.rule_ids
            if rule.compute_mode in ("fixed_unit", "fixed_order")
        }
        plan_currency = plan.currency_id
        company_currency = company.currency_id
        for result, state in results:
            source = sol_of_key[result.key]
            if result.kind == "rule":
                key = f"rule:{result.key}"
            else:
                key = f"spiff:{result.key}:{result.spiff_id}"
            amount_company = convert(
                result.amount, plan_currency, company_currency, company, source["date"]
            )
            base = result.base
            if result.kind == "rule" and result.rule_id in fixed_modes:
                base = result.sales_amount
            elif result.kind == "spiff" and result.fixed_amount:
                base = result.sales_amount
            vals = dict(
                source,
                plan_id=plan.id,
                rule_id=result.rule_id or False,
                spiff_id=result.spiff_id or False,
                kind=result.kind,
                sales_amount=result.sales_amount,
                base_amount=base,
                rate=result.rate,
                fixed_amount=result.fixed_amount,
                amount=result.amount,
                currency_id=plan_currency.id,
                amount_company=company_currency.round(amount_company),
                explanation=result.explanation,
                state=state,
                period_start=result.period_start,
                company_id=company.id,
            )
            line = by_key.get(key)
            if line:
                touched_ids.append(line.id)
                if line.state in ("settled", "reversed"):
                    continue
                changes = line._prm_changed_values(vals)
                if changes:
                    line.write(changes)
            else:
                vals["source_key"] = key
                create_vals.append(vals)
        if create_vals:
            touched_ids += self._prm_insert(create_vals).ids
        return self.browse(touched_ids)

    @api.model
    def _prm_store_fields(self):
        return (
            "partner_id",
            "order_id",
            "order_line_id",
            "customer_id",
            "product_id",
            "categ_id",
            "tier_id",
            "plan_id",
            "rule_id",
            "spiff_id",
            "kind",
            "quantity",
            "sales_amount",
            "base_amount",
            "rate",
            "fixed_amount",
            "amount",
            "currency_id",
            "amount_company",
            "explanation",
            "state",
            "date",
            "period_start",
            "company_id",
        )

    @api.model
    def _prm_insert(self, vals_list):
        """Insert computed lines with one statement, whatever their number.

        The ORM ``create`` inserts by chunks of 100 rows; commission runs of
        thousands of lines use a single ``INSERT ... SELECT unnest(...)``
        instead. The lines have no Python constraint nor stored computed
        field; ``ON CONFLICT`` on the unique source key makes a concurrent
        run skip what another one already inserted.
        """
        self.flush_model()
        columns = list(self._prm_store_fields()) + ["source_key"]
        arrays = []
        for name in columns:
            field = self._fields[name]
            values = []
            for vals in vals_list:
                value = vals.get(name)
                if value is False and field.type != "boolean":
                    value = None
                values.append(value)
            arrays.append(SQL("%s::%s[]", values, SQL(field.column_type[1])))
        now = self.env.cr.now()
        uid = self.env.uid
        rows = self.env.execute_query(
            SQL(
                "INSERT INTO %s (%s, create_uid, write_uid, create_date, write_date) "
                "SELECT u.*, %s, %s, %s, %s FROM unnest(%s) AS u "
                "ON CONFLICT (source_key) DO NOTHING RETURNING id",
                SQL.identifier(self._table),
                SQL(", ").join(SQL.identifier(name) for name in columns),
                uid,
                uid,
                now,
                now,
                SQL(", ").join(arrays),
            )
        )
        lines = self.browse(sorted(row[0] for row in rows))
        if lines:
            # The rows bypassed the ORM: drop the cached inverse one2many values
            # (and what is computed from them) so reads in this transaction see
            # the new lines. No query: the values are fetched again when read.
            self.env["sale.order"].invalidate_model(
                ["prm_commission_line_ids", "prm_commission_count"], flush=False
            )
            self.env["res.partner"].invalidate_model(
                ["prm_commission_line_ids", "prm_commission_count"], flush=False
            )
            self.invalidate_model(["reversal_line_ids"], flush=False)
            self.env["prm.commission.settlement"].invalidate_model(
                ["line_ids", "line_count"], flush=False
            )
        return lines

    def _prm_changed_values(self, vals):
        self.ensure_one()
        changes = {}
        for name, value in vals.items():
            current = self[name]
            field = self._fields[name]
            if field.type == "many2one":
                current = current.id
            elif field.type == "float" or field.type == "monetary":
                if abs((current or 0.0) - (value or 0.0)) < 1e-9:
                    continue
            if current != value:
                changes[name] = value
        return changes

    # ------------------------------------------------------------------
    # Clawback
    # ------------------------------------------------------------------
    @api.model
    def _prm_clawback(self, refunds):
        """Reverse commissions of credit notes posted within the clawback window."""
        lines_model = self.sudo()
        refunds = refunds.sudo().filtered(
            lambda move: move.move_type == "out_refund" and move.state == "posted"
        )
        refund_lines = refunds.invoice_line_ids.filtered("sale_line_ids")
        if not refund_lines:
            return lines_model
        originals = lines_model.search(
            [
                ("order_line_id", "in", refund_lines.sale_line_ids.ids),
                ("kind", "in", ("rule", "spiff")),
                ("state", "in", ("confirmed", "settled")),
            ]
        )
        if not originals:
            return lines_model
        by_sol = defaultdict(lambda: lines_model)
        # a sale line may have adjustment lines after a settlement: the refunded
        # share is taken of the quantity of all its lines of the same kind
        family_qty = defaultdict(float)
        for line in originals:
            by_sol[line.order_line_id.id] |= line
            family = (line.order_line_id.id, line.kind, line.spiff_id.id)
            family_qty[family] += line.quantity
        reversed_so_far = originals._prm_reversed_amounts()
        done = set(
            lines_model.search(
                [("origin_line_id", "in", originals.ids), ("kind", "=", "reversal")]
            ).mapped("source_key")
        )
        vals_list, fully_reversed = [], lines_model
        for refund_line in refund_lines:
            refund = refund_line.move_id
            refund_date = refund.invoice_date or fields.Date.context_today(self)
            for sol in refund_line.sale_line_ids:
                for original in by_sol.get(sol.id, lines_model):
                    key = f"reversal:{original.id}:{refund_line.id}"
                    if key in done:
                        continue
                    origin_date = original._prm_clawback_origin_date()
                    window = original.plan_id.clawback_days
                    if not clawback.in_window(origin_date, refund_date, window):
                        continue
                    currency = original.currency_id

                    def rounding(value, currency=currency):
                        return currency.round(value)

                    family = (sol.id, original.kind, original.spiff_id.id)
                    wanted, ratio = clawback.reversal_amount(
                        original.amount,
                        family_qty[family] or original.quantity,
                        refund_line.quantity,
                        rounding,
                    )
                    already = reversed_so_far.get(original.id, 0.0)
                    allowed = clawback.remaining_to_reverse(
                        original.amount, already, wanted, rounding
                    )
                    if currency.is_zero(allowed):
                        continue
                    reversed_so_far[original.id] = already + allowed
                    vals = original._prm_reversal_vals(key, allowed, ratio)
                    vals["refund_move_id"] = refund.id
                    vals["date"] = refund_date
                    days = (refund_date - origin_date).days
                    vals["explanation"] = clawback.explain_reversal(
                        original.order_id.name or original.display_name,
                        refund.name,
                        days,
                        window,
                        ratio,
                        money.format_amount(
                            allowed, currency.rounding, currency.symbol or ""
                        ),
                        translator=self._prm_translate(),
                    )
                    full = currency.is_zero(original.amount + already + allowed)
                    if original.state != "settled" and not already and full:
                        vals["state"] = "reversed"
                        fully_reversed |= original
                    vals_list.append(vals)
                    done.add(key)
        if fully_reversed:
            fully_reversed.write({"state": "reversed"})
        return lines_model.create(vals_list)

    def _prm_clawback_origin_date(self):
        """The sale date that starts the clawback window."""
        self.ensure_one()
        if self.order_id.date_order:
            order_date = self.order_id.date_order.date()
            return min(order_date, self.date) if self.date else order_date
        return self.date

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
