# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.image import binary_to_image

from .. import access
from ..logic import agreements as agreement_rules
from ..logic import placeholders
from ..logic import signatures as signature_rules


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


class PrmAgreement(models.Model):
    _name = "prm.agreement"
    _description = "Partner Agreement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "prm.partner.company.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    type_id = fields.Many2one(
        "prm.agreement.type",
        required=True,
        tracking=True,
        check_company=True,
    )
    template_id = fields.Many2one(
        "prm.agreement.template",
        domain="[('type_id', '=', type_id)]",
    )
    body = fields.Html(sanitize_attributes=False)
    date_start = fields.Date(
        string="Start Date", default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End Date", tracking=True)
    auto_renew = fields.Boolean(string="Auto-renew", tracking=True)
    renewal_months = fields.Integer(string="Renewal Term (months)", default=12)
    notice_days = fields.Integer(string="Notice (days)", default=30)
    reminder_sent = fields.Boolean(copy=False, readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("signed", "Signed"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
            ("renewed", "Renewed"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    signer_name = fields.Char(copy=False, tracking=True)
    signed_on = fields.Datetime(copy=False, readonly=True)
    signature = fields.Binary(copy=False, attachment=True)
    signed_by_user_id = fields.Many2one(
        "res.users",
        string="Signature Recorded By",
        copy=False,
        readonly=True,
        help="The portal user who signed, or the employee who recorded the "
        "signature.",
    )
    signer_ip = fields.Char(
        string="Signature IP Address",
        copy=False,
        readonly=True,
        groups="prm_partner.group_prm_user",
    )
    predecessor_id = fields.Many2one(
        "prm.agreement", string="Renews", readonly=True, copy=False, index=True
    )
    successor_id = fields.Many2one(
        "prm.agreement", string="Renewed By", readonly=True, copy=False
    )
    manager_id = fields.Many2one(
        related="partner_id.prm_manager_id", string="Partner Manager"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    termination_reason = fields.Text(copy=False)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if not agreement_rules.is_valid_period(
                agreement.date_start, agreement.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "Agreement %(name)s: the end date must come after the start "
                        "date.",
                        name=agreement.name,
                    )
                )

    @api.constrains("renewal_months", "notice_days")
    def _check_terms(self):
        for agreement in self:
            if agreement.renewal_months < 0 or agreement.notice_days < 0:
                raise ValidationError(
                    self.env._("Renewal terms and notice periods cannot be negative.")
                )

    @api.onchange("type_id")
    def _onchange_type_id(self):
        agreement_type = self.type_id
        if not agreement_type:
            return
        self.auto_renew = agreement_type.default_auto_renew
        self.renewal_months = agreement_type.default_renewal_months
        self.notice_days = agreement_type.default_notice_days
        if self.date_start and agreement_type.default_duration_months:
            self.date_end = agreement_rules.term_end(
                self.date_start, agreement_type.default_duration_months
            )
        if self.template_id.type_id != agreement_type:
            self.template_id = agreement_type.template_ids[:1]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("prm.agreement") or "/"
                )
        agreements = super().create(vals_list)
        agreements.filtered(lambda a: a.template_id and not a.body).action_render()
        return agreements

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(agreement.state != "draft" for agreement in self):
            raise UserError(
                self.env._(
                    "Only draft agreements can be deleted; terminate the others."
                )
            )

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

    def action_send(self):
        access.require(self.env, access.USER)
        for agreement in self:
            if agreement.state != "draft":
                raise UserError(self.env._("Only draft agreements can be sent."))
        template = self.env.ref(
            "prm_partner.mail_template_agreement_sent", raise_if_not_found=False
        )
        self.write({"state": "sent"})
        if template:
            for agreement in self:
                agreement.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment"
                )

    def action_sign(self, signer_name, signature=False):
        """Record a signature given to a PRM user (backend wizard, paper
        copy); the agreement becomes active when it has started."""
        self.ensure_one()
        access.require(
            self.env,
            access.USER,
            self.env._("Only PRM users can record the signature of an agreement."),
        )
        self.check_access("write")
        ip = request.httprequest.remote_addr if request else False
        return self._prm_sign(signer_name, signature, ip=ip)

    def action_open_sign_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign Agreement"),
            "res_model": "prm.agreement.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agreement_id": self.id},
        }

    def action_activate(self):
        access.require(self.env, access.USER)
        for agreement in self:
            if agreement.state != "signed":
                raise UserError(self.env._("Only signed agreements can be activated."))
        self.write({"state": "active"})

    def action_terminate(self):
        access.require(self.env, access.USER)
        for agreement in self:
            if agreement.state in ("expired", "terminated", "renewed"):
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is already closed.", name=agreement.name
                    )
                )
        self.write({"state": "terminated"})

    def action_reset_draft(self):
        access.require(self.env, access.USER)
        self.filtered(lambda a: a.state in ("sent", "terminated")).write(
            {
                "state": "draft",
                "signer_name": False,
                "signature": False,
                "signed_on": False,
                "signed_by_user_id": False,
                "signer_ip": False,
            }
        )

    def action_renew(self):
        """Create the successor agreement for the next term and link both."""
        access.require(self.env, access.USER)
        successors = self.browse()
        for agreement in self:
            if agreement.successor_id:
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is already renewed.", name=agreement.name
                    )
                )
            end = agreement.date_end or fields.Date.context_today(self)
            start, new_end = agreement_rules.renewal_period(
                end,
                agreement.renewal_months or agreement.type_id.default_renewal_months,
            )
            successor = agreement.copy(
                {
                    "date_start": start,
                    "date_end": new_end,
                    "predecessor_id": agreement.id,
                    "state": "active",
                    "signer_name": agreement.signer_name,
                    "signed_on": agreement.signed_on,
                    "signed_by_user_id": agreement.signed_by_user_id.id,
                    "signer_ip": agreement.sudo().signer_ip,
                    "body": agreement.body,
                }
            )
            agreement.write({"state": "renewed", "successor_id": successor.id})
            agreement.message_post(
                body=self.env._(
                    "Renewed by %(successor)s until %(end)s.",
                    successor=successor.name,
                    end=tools.format_date(self.env, new_end) if new_end else "-",
                )
            )
            successors |= successor
        return successors

    # Business

    def _prm_sign(self, signer_name, signature=False, user=None, ip=False):
        """Record the signature of ``signer_name`` (checked: text of 1 to 128
        characters; the image, if any, a PNG or JPEG of sane size), given by
        ``user`` (default: the current one) from ``ip``. Callers check who
        may sign."""
        self.ensure_one()
        user = user or self.env.user
        if self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "Agreement %(name)s cannot be signed any more.", name=self.name
                )
            )
        name = signature_rules.clean_name(signer_name)
        if name is None:
            raise ValidationError(
                self.env._(
                    "Please type the name of the signer (at most %(max)s "
                    "characters).",
                    max=signature_rules.MAX_NAME_LENGTH,
                )
            )
        image = self._prm_check_signature(signature) if signature else False
        today = fields.Date.context_today(self)
        state = (
            "active" if not self.date_start or self.date_start <= today else "signed"
        )
        self.write(
            {
                "state": state,
                "signer_name": name,
                "signature": image,
                "signed_on": fields.Datetime.now(),
                "signed_by_user_id": user.id,
                "signer_ip": (ip or "")[:64] or False,
            }
        )
        self.message_post(
            body=self.env._("Agreement signed by %(signer)s.", signer=name),
            author_id=user.partner_id.id,
            subtype_xmlid="mail.mt_comment",
        )
        return True

    @api.model
    def _prm_check_signature(self, signature):
        """The signature image as base64 (bytes), or a ValidationError when it
        is not a PNG or JPEG image within the size limits."""
        raw, reason = signature_rules.decode_image(signature)
        too_large = self.env._(
            "The signature image is too large: at most %(kb)s KB and "
            "%(px)s pixels a side.",
            kb=signature_rules.MAX_IMAGE_BYTES // 1024,
            px=signature_rules.MAX_IMAGE_SIDE,
        )
        not_image = self.env._("The signature must be a PNG or JPEG image.")
        if reason == signature_rules.TOO_LARGE:
            raise ValidationError(too_large)
        if raw is None:
            raise ValidationError(not_image)
        try:
            image = binary_to_image(raw)
        except UserError as exc:
            raise ValidationError(not_image) from exc
        if image.format not in ("PNG", "JPEG"):
            raise ValidationError(not_image)
        if not signature_rules.fits(*image.size):
            raise ValidationError(too_large)
        try:
            image.load()
        except (OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(not_image) from exc
        return base64.b64encode(raw)

    @api.model
    def _cron_daily(self, today=None):
        """Activate started agreements, remind before the end, renew or expire."""
        today = today or fields.Date.context_today(self)
        started = self.search([("state", "=", "signed"), ("date_start", "<=", today)])
        started.write({"state": "active"})
        running = self.search(
            [("state", "in", agreement_rules.RUNNING_STATES), ("date_end", "!=", False)]
        )
        to_remind = self.browse()
        to_renew = self.browse()
        to_expire = self.browse()
        for agreement in running:
            action = agreement_rules.daily_action(
                today,
                agreement.state,
                agreement.date_end,
                agreement.auto_renew,
                agreement.renewal_months,
                agreement.notice_days,
                agreement.reminder_sent,
            )
            if action == agreement_rules.REMIND:
                to_remind |= agreement
            elif action == agreement_rules.RENEW:
                to_renew |= agreement
            elif action == agreement_rules.EXPIRE:
                to_expire |= agreement
        to_remind._prm_send_reminders()
        to_renew.action_renew()
        to_expire.write({"state": "expired"})
        for agreement in to_expire:
            agreement.message_post(body=self.env._("The agreement has expired."))
        return {"remind": to_remind, "renew": to_renew, "expire": to_expire}

    def _prm_send_reminders(self):
        template = self.env.ref(
            "prm_partner.mail_template_agreement_reminder", raise_if_not_found=False
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for agreement in self:
            if template:
                agreement.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment"
                )
            user = agreement.partner_id.prm_manager_id or agreement.create_uid
            agreement.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=agreement.date_end,
                summary=self.env._(
                    "Agreement ends on %(date)s",
                    date=tools.format_date(self.env, agreement.date_end),
                ),
                user_id=user.id,
            )
        self.write({"reminder_sent": True})
