# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL

from .prm_commission_line import COMPUTED_FIELDS, RESULT_FIELDS, SOURCE_FIELDS

FIXED_MODES = ("fixed_unit", "fixed_order")


class PrmCommissionStore(models.AbstractModel):
    """Writes the engine's results as commission lines.

    Existing lines of the same source are updated (only what changed),
    settled and reversed ones are left as they are, and new lines are
    inserted with one statement for the whole run.
    """

    _name = "prm.commission.store"
    _description = "Commission Line Storage"

    @api.model
    def _prm_store_results(self, plan, results, sources, by_key, convert):
        """Store ``results`` (``(Result, state)`` pairs) of ``plan``.

        ``sources`` maps the key of each result to the values read from its
        sale line; returns the lines computed (created, updated or kept).
        """
        lines_model = self.env["prm.commission.line"].sudo()
        company = plan.company_id
        create_vals, touched_ids = [], []
        changed = [
            line for key, line in by_key.items() if key.startswith(("rule:", "spiff:"))
        ]
        if changed:
            lines_model.browse([line.id for line in changed]).fetch(
                list(COMPUTED_FIELDS)
            )
        fixed_modes = {
            rule.id for rule in plan.rule_ids if rule.compute_mode in FIXED_MODES
        }
        plan_currency = plan.currency_id
        company_currency = company.currency_id
        for result, state in results:
            source = sources[result.key]
            if result.kind == "rule":
                key = f"rule:{result.key}"
            else:
                key = f"spiff:{result.key}:{result.spiff_id}"
            amount_company = convert(
                result.amount, plan_currency, company_currency, company, source["date"]
            )
            vals = {name: source[name] for name in SOURCE_FIELDS}
            for name, attribute in RESULT_FIELDS.items():
                value = getattr(result, attribute)
                vals[name] = False if value is None else value
            if (result.kind == "rule" and result.rule_id in fixed_modes) or (
                result.kind == "spiff" and result.fixed_amount
            ):
                # a fixed amount has no base: the sales it was earned on
                vals["base_amount"] = result.sales_amount
            vals.update(
                plan_id=plan.id,
                currency_id=plan_currency.id,
                amount_company=company_currency.round(amount_company),
                state=state,
                company_id=company.id,
            )
            line = by_key.get(key)
            if line:
                touched_ids.append(line.id)
                if line.state in ("settled", "reversed"):
                    continue
                changes = self._prm_changed_values(line, vals)
                if changes:
                    line.write(changes)
            else:
                vals["source_key"] = key
                create_vals.append(vals)
        if create_vals:
            touched_ids += self._prm_insert(create_vals).ids
        return lines_model.browse(touched_ids)

    @api.model
    def _prm_changed_values(self, line, vals):
        """The values of ``vals`` that differ from what ``line`` holds."""
        line.ensure_one()
        changes = {}
        for name, value in vals.items():
            current = line[name]
            field = line._fields[name]
            if field.type == "many2one":
                current = current.id
            elif field.type == "float" or field.type == "monetary":
                if abs((current or 0.0) - (value or 0.0)) < 1e-9:
                    continue
            if current != value:
                changes[name] = value
        return changes

    @api.model
    def _prm_insert(self, vals_list):
        """Insert computed lines with one statement, whatever their number.

        The ORM ``create`` inserts by chunks of 100 rows; commission runs of
        thousands of lines use a single ``INSERT ... SELECT unnest(...)``
        instead. The lines have no Python constraint nor stored computed
        field; ``ON CONFLICT`` on the unique source key makes a concurrent
        run skip what another one already inserted.
        """
        lines_model = self.env["prm.commission.line"].sudo()
        lines_model.flush_model()
        columns = [*COMPUTED_FIELDS, "source_key"]
        arrays = []
        for name in columns:
            field = lines_model._fields[name]
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
                SQL.identifier(lines_model._table),
                SQL(", ").join(SQL.identifier(name) for name in columns),
                uid,
                uid,
                now,
                now,
                SQL(", ").join(arrays),
            )
        )
        lines = lines_model.browse(sorted(row[0] for row in rows))
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
            lines_model.invalidate_model(["reversal_line_ids"], flush=False)
            self.env["prm.commission.settlement"].invalidate_model(
                ["line_ids", "line_count"], flush=False
            )
        return lines
