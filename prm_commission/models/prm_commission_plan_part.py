# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.tools.misc import format_amount

# Technical fields that say nothing to the reader of the plan's chatter.
UNLOGGED = {
    "id",
    "display_name",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
}


class PrmCommissionPlanPart(models.AbstractModel):
    """Rules, brackets and SPIFFs: what the plan pays. Their changes are
    written in the chatter of their plan, where managers read the plan's
    history (the records themselves are edited inside the plan's form)."""

    _name = "prm.commission.plan.part"
    _description = "Commission Plan Part"

    def _prm_plan(self):
        return self.plan_id

    def _prm_logged_fields(self):
        return [
            name
            for name, field in self._fields.items()
            if field.store and not field.related and name not in UNLOGGED
        ]

    def _prm_value_text(self, name):
        self.ensure_one()
        field = self._fields[name]
        value = self[name]
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name")) or "-"
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value) or "-"
        if field.type == "monetary":
            currency = self[field.get_currency_field(self)]
            return format_amount(self.env, value, currency) if currency else str(value)
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        return "-" if value in (False, None, "") else str(value)

    def _prm_log_on_plans(self, lines_by_record):
        """One note per plan listing the changes of its parts."""
        by_plan = defaultdict(list)
        for record, text in lines_by_record:
            plan = record.sudo()._prm_plan()
            if plan:
                by_plan[plan].append(text)
        for plan, texts in by_plan.items():
            plan.message_post(
                body=self.env._("Changes: %(changes)s", changes=" · ".join(texts)),
                subtype_xmlid="mail.mt_note",
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._prm_log_on_plans(
            (
                record,
                self.env._(
                    "%(kind)s %(name)s added",
                    kind=self._description,
                    name=record.display_name,
                ),
            )
            for record in records
        )
        return records

    def write(self, vals):
        names = [name for name in self._prm_logged_fields() if name in vals]
        before = {
            record.id: {name: record._prm_value_text(name) for name in names}
            for record in self
        }
        result = super().write(vals)
        changes = []
        for record in self:
            diffs = [
                self.env._(
                    "%(field)s: %(old)s → %(new)s",
                    field=record._fields[name]._description_string(self.env),
                    old=before[record.id][name],
                    new=record._prm_value_text(name),
                )
                for name in names
                if before[record.id][name] != record._prm_value_text(name)
            ]
            if diffs:
                changes.append(
                    (
                        record,
                        self.env._(
                            "%(kind)s %(name)s: %(diffs)s",
                            kind=self._description,
                            name=record.display_name,
                            diffs=", ".join(diffs),
                        ),
                    )
                )
        self._prm_log_on_plans(changes)
        return result

    def unlink(self):
        self._prm_log_on_plans(
            (
                record,
                self.env._(
                    "%(kind)s %(name)s removed",
                    kind=self._description,
                    name=record.display_name,
                ),
            )
            for record in self
        )
        return super().unlink()
