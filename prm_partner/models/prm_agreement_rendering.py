# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rendering of an agreement's body from its template.

prm.agreement is extended in one file per concern: the workflow in
``prm_agreement.py``, the rendering here, the signature in
``prm_agreement_signing.py``.
"""

from odoo import api, models, tools

from .. import access
from ..logic import placeholders


def _field_text(record, fname):
    """Field ``fname`` of ``record`` as text, the way Odoo shows it in the
    context's language ('' when empty)."""
    field = record._fields[fname]
    value = record[fname]
    env = record.env
    if field.type == "monetary":
        currency = record[field.get_currency_field(record)]
        return tools.format_amount(env, value, currency, lang_code=env.lang)
    if field.type in ("integer", "float"):
        return tools.formatLang(env, value, digits=0 if field.type == "integer" else 2)
    if not value:
        return ""
    if field.type == "date":
        return tools.format_date(env, value, lang_code=env.lang)
    if field.type == "datetime":
        return tools.format_datetime(env, value, lang_code=env.lang)
    if field.type in ("many2one", "many2many", "one2many"):
        return ", ".join(value.mapped("display_name"))
    if field.type == "selection":
        return dict(field._description_selection(env)).get(value, value)
    if field.type == "boolean":
        return ""
    return str(value)


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited


class PrmAgreement(models.Model):
    _inherit = "prm.agreement"

    @api.model
    def mail_allowed_qweb_expressions(self):
        """Field placeholders any agreement template author may use."""
        return super().mail_allowed_qweb_expressions() + (
            "object.name",
            "object.date_start",
            "object.date_end",
            "object.notice_days",
            "object.renewal_months",
            "object.type_id.name",
            "object.company_id.name",
            "object.company_id.vat",
            "object.company_id.street",
            "object.company_id.city",
            "object.partner_id.vat",
            "object.partner_id.street",
            "object.partner_id.city",
            "object.partner_id.country_id.name",
            "object.partner_id.prm_tier_id.name",
        )

    # Actions

    def action_render(self):
        """Render the template body for each agreement, in its partner's
        language.

        Templates of field placeholders (``t-out``, ``t-if``) are filled with
        the values as Odoo formats them (dates and amounts in the partner's
        language); an empty field leaves its default text and removes its
        ``t-if`` element. Any other expression goes through Odoo's QWeb
        rendering as the current user, never as superuser: users outside the
        template editor group get Odoo's restricted rendering, which refuses
        it.
        """
        access.require(self.env, access.USER)
        renderer = self.env["mail.render.mixin"]
        allowed = set(self.mail_allowed_qweb_expressions())
        groups = self.filtered("template_id").grouped(
            lambda a: (a.template_id, a.partner_id.lang or self.env.lang or "en_US")
        )
        for (template, lang), agreements in groups.items():
            body = template.with_context(lang=lang).body or ""
            expressions = placeholders.expressions(body)
            if expressions is not None and expressions <= allowed:
                for agreement in agreements.with_context(lang=lang):
                    texts, conditions = agreement._prm_placeholder_values(expressions)
                    agreement.body = placeholders.fill(body, texts, conditions)
                continue
            rendered = renderer.with_context(lang=lang)._render_template(
                body, self._name, agreements.ids, engine="qweb"
            )
            for agreement in agreements:
                agreement.body = rendered.get(agreement.id) or ""

    def _prm_placeholder_values(self, expressions):
        """(texts, conditions) of the placeholders ``object.a.b``: each
        field's text in the context's language and whether it is set. The
        fields are read as the current user."""
        self.ensure_one()
        texts, conditions = {}, {}
        for expression in expressions:
            record, path = self, expression.split(".")[1:]
            for name in path[:-1]:
                record = record[name][:1]
            if not path or not record:
                texts[expression], conditions[expression] = "", False
                continue
            texts[expression] = _field_text(record, path[-1])
            conditions[expression] = bool(record[path[-1]])
        return texts, conditions
