# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..logic import placeholders


class PrmAgreementTemplate(models.Model):
    _name = "prm.agreement.template"
    _description = "Partner Agreement Template"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    type_id = fields.Many2one("prm.agreement.type", required=True)
    company_id = fields.Many2one(related="type_id.company_id")
    body = fields.Html(
        translate=True,
        sanitize="email_outgoing",
        help="Rendered for the partner, in the partner's language, with the "
        "agreement as 'object', e.g. <t t-out=\"object.partner_id.name\"/>; "
        "dates and amounts come out as the partner reads them. "
        '<span t-if="object.partner_id.vat">...</span> shows a sentence only '
        "when the field is set. Only members of the template editor group may "
        "use expressions other than field placeholders.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        templates._prm_check_body_expressions()
        return templates

    def write(self, vals):
        result = super().write(vals)
        if "body" in vals:
            self._prm_check_body_expressions()
        return result

    def _update_field_translations(
        self, fname, translations, digest=None, source_lang=None
    ):
        result = super()._update_field_translations(
            fname, translations, digest=digest, source_lang=source_lang
        )
        if fname == "body":
            for lang in translations:
                self.with_context(lang=lang)._prm_check_body_expressions()
        return result

    def _prm_check_body_expressions(self):
        """Only template editors may write code beyond field placeholders."""
        if self.env.su or self.env.user.has_group("mail.group_mail_template_editor"):
            return
        renderer = self.env["mail.render.mixin"]
        allowed = set(self.env["prm.agreement"].mail_allowed_qweb_expressions())
        for template in self:
            expressions = placeholders.expressions(template.body)
            if expressions is not None and expressions <= allowed:
                continue  # field placeholders only (t-out, t-if)
            if renderer._has_unsafe_expression_template_qweb(
                template.body, "prm.agreement"
            ):
                group = self.env.ref("mail.group_mail_template_editor")
                raise AccessError(
                    self.env._(
                        "Only members of %(group)s may use expressions other "
                        "than field placeholders in agreement templates.",
                        group=group.name,
                    )
                )
