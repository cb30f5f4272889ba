# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import api, models
from odoo.tools import format_amount, formatLang
from odoo.tools.translate import code_translations

from ..logic import engine
from .prm_commission_line import COMPUTED_FIELDS


class PrmCommissionCompute(models.AbstractModel):
    """Commission computation of sale orders, a whole batch at a time.

    The order of a run: the orders are grouped by plan, the sources of each
    plan are read into engine inputs (``prm.commission.source``) next to what
    earlier lines already counted (``prm.commission.history``), the engine of
    ``logic/engine.py`` computes the results and ``prm.commission.store``
    writes them as commission lines.
    """

    _name = "prm.commission.compute"
    _description = "Commission Computation"

    @api.model
    def _prm_sync_orders(self, orders):
        """Create, update or cancel the commission lines of ``orders``.

        Works on the whole batch with a number of queries that does not
        depend on the number of orders: sources, rules and existing lines are
        fetched once per batch, rules matched in memory and new lines inserted
        with a single statement.
        """
        lines_model = self.env["prm.commission.line"].sudo()
        if not orders:
            return lines_model
        # one query whatever the number of orders (exists() splits by 1,000)
        orders = self.env["sale.order"].sudo().search([("id", "in", orders.ids)])
        orders.fetch(["state", "prm_partner_id", "company_id", "currency_id"])
        existing = lines_model.search([("order_id", "in", orders.ids)])
        existing.fetch([*COMPUTED_FIELDS, "source_key", "settlement_id"])
        by_key = {line.source_key: line for line in existing}
        orders_by_plan = orders._prm_commission_plans()
        active_ids = set()
        for plan_orders in orders_by_plan.values():
            active_ids.update(plan_orders.ids)
        touched_ids = set()
        for plan, plan_orders in orders_by_plan.items():
            touched_ids.update(self._prm_compute_plan(plan, plan_orders, by_key).ids)
        # Lines of orders without plan or not confirmed, and lines whose rule
        # no longer matches, are cancelled (settled ones are reversed).
        leftovers = existing.filtered(
            lambda line: line.kind != "reversal" and line.id not in touched_ids
        )
        if leftovers:
            inactive = orders.filtered(lambda order: order.id not in active_ids)
            leftovers._prm_cancel(inactive)
        return lines_model.browse(sorted(touched_ids))

    @api.model
    def _prm_compute_plan(self, plan, orders, by_key):
        """Compute the lines of ``orders`` (all confirmed, all under ``plan``)."""
        convert = self._prm_converter()
        source = self.env["prm.commission.source"]
        inputs = source._prm_inputs(plan, orders, by_key, convert)
        if not inputs.sources:
            return self.env["prm.commission.line"].sudo()
        rules = plan.rule_ids.filtered("active")
        logic_rules = rules._prm_to_logic_batch()
        spiffs = plan.spiff_ids.filtered("active")
        logic_spiffs = [spiff._prm_to_logic() for spiff in spiffs]
        history = self.env["prm.commission.history"]
        cumulative_sales, cumulative_commission = history._prm_cumulatives(
            plan, inputs.due + inputs.draft, by_key, rules
        )
        options = {
            "period": plan.period,
            "rounding": plan.currency_id.rounding,
            "formatter": self._prm_formatter(plan.currency_id),
            "translate": self._prm_translate(),
        }
        # Lines due now are computed first: the cumulative brackets and caps
        # of the period count them before the forecast (draft) lines.
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
                inputs.due, share_with=inputs.draft, fixed_paid=inputs.fixed_paid
            )
        ]
        if inputs.draft:
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
                    inputs.draft, share_with=inputs.due, fixed_paid=inputs.fixed_paid
                )
            ]
        for result, _state in results:
            note = inputs.notes.get(result.key)
            if note:
                result.explanation = f"{note} {result.explanation}"
        return self.env["prm.commission.store"]._prm_store_results(
            plan, results, inputs.sources, by_key, convert
        )

    @api.model
    def _prm_converter(self):
        """Currency conversion that reads each rate once per run."""
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

        return convert

    @api.model
    def _prm_translate(self):
        """Translation function of the texts the logic package builds."""
        lang = self.env.lang or "en_US"
        if lang == "en_US":
            return None
        translations = code_translations.get_python_translations("prm_commission", lang)
        return lambda source: translations.get(source, source)

    @api.model
    def _prm_formatter(self, currency):
        """Amounts in ``currency`` as the language of the texts writes them.

        ``formatter(value)`` gives an amount with its currency symbol,
        ``formatter(value, symbol=False)`` a bare number (bracket bounds).
        The language is the one the texts are translated to (the context's,
        English without one); each value is formatted once per formatter.
        """
        env = self.with_context(lang=self.env.lang or "en_US").env
        texts = {}

        def formatter(value, symbol=True):
            # -0.0 == 0.0 but is written "-0.00": the sign is part of the key
            key = (value, math.copysign(1.0, value), symbol)
            if key not in texts:
                texts[key] = (
                    format_amount(env, value, currency)
                    if symbol
                    else formatLang(env, value, digits=currency.decimal_places)
                )
            return texts[key]

        return formatter
