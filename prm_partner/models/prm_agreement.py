# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner agreements: terms, workflow (send, activate, terminate, renew) and
the daily cron. The body's rendering lives in ``prm_agreement_rendering.py``,
the signature in ``prm_agreement_signing.py`` (``_inherit`` classes).
"""

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from .. import access
from ..logic import agreements as agreement_rules


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
    reminder_date = fields.Date(
        compute="_compute_reminder_date",
        store=True,
        index=True,
        help="The end date less the notice: the day the parties are reminded.",
    )
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

    @api.depends("date_end", "notice_days")
    def _compute_reminder_date(self):
        for agreement in self:
            agreement.reminder_date = (
                agreement.notice_days > 0
                and agreement_rules.reminder_date(
                    agreement.date_end, agreement.notice_days
                )
            ) or False

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

    # Actions

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

    @api.model
    def _cron_daily(self, today=None):
        """Activate started agreements, remind before the end, renew or
        expire; by chunks (setting ``prm_partner.agreement_daily.chunk_size``),
        an agreement acted upon leaves the domain of the day."""
        done = {
            "remind": self.browse(),
            "renew": self.browse(),
            "expire": self.browse(),
        }

        def process(agreements, started):
            day = today or fields.Date.context_today(self, started)
            for key, records in agreements._prm_daily_actions(day).items():
                done[key] |= records
            return len(agreements)

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_partner.agreement_daily",
            self,
            lambda started: self._prm_daily_domain(
                today or fields.Date.context_today(self, started)
            ),
            process,
        )
        return done

    @api.model
    def _prm_daily_domain(self, today):
        """The agreements the daily job acts on ``today``: the very ones
        :func:`agreement_rules.daily_action` gives an action (or starting)."""
        running = ("state", "in", agreement_rules.RUNNING_STATES)
        return [
            "|",
            "|",
            "&",
            ("state", "=", "signed"),
            ("date_start", "<=", today),
            "&",
            running,
            ("date_end", "<", today),
            "&",
            "&",
            "&",
            running,
            ("reminder_sent", "=", False),
            ("reminder_date", "<=", today),
            ("date_end", ">=", today),
        ]

    def _prm_daily_actions(self, today):
        """Take the daily actions of these agreements: {action: agreements}."""
        started = self.filtered(
            lambda a: a.state == "signed" and a.date_start and a.date_start <= today
        )
        started.write({"state": "active"})
        to_remind = self.browse()
        to_renew = self.browse()
        to_expire = self.browse()
        for agreement in self:
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
