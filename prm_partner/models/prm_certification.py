# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import access
from ..logic import certifications as cert_rules


class PrmCertification(models.Model):
    _name = "prm.certification"
    _description = "Partner Certification"
    _inherit = ["mail.thread", "prm.partner.company.mixin"]
    _order = "expiry_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    contact_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('parent_id', '=', partner_id)]",
    )
    type_id = fields.Many2one(
        "prm.certification.type",
        string="Certification Type",
        required=True,
        tracking=True,
        check_company=True,
    )
    scope = fields.Selection(related="type_id.scope")
    issue_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    expiry_date = fields.Date(
        compute="_compute_expiry_date",
        store=True,
        readonly=False,
        tracking=True,
        help="Computed from the issue date and the validity of the type; "
        "may be changed.",
    )
    state = fields.Selection(
        [
            ("valid", "Valid"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        required=True,
        default="valid",
        tracking=True,
        index=True,
    )
    source = fields.Selection([("manual", "Manual")], required=True, default="manual")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    revoke_reason = fields.Text()

    @api.depends("type_id.name", "contact_id.name", "partner_id.name")
    def _compute_name(self):
        for cert in self:
            holder = cert.contact_id or cert.partner_id
            cert.name = " - ".join(n for n in (cert.type_id.name, holder.name) if n)

    @api.depends("issue_date", "type_id.validity_months")
    def _compute_expiry_date(self):
        for cert in self:
            cert.expiry_date = cert_rules.expiry_date(
                cert.issue_date, cert.type_id.validity_months
            )

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        for cert in self:
            if (
                cert.expiry_date
                and cert.issue_date
                and cert.expiry_date <= cert.issue_date
            ):
                raise ValidationError(
                    self.env._(
                        "Certification %(name)s: the expiry date must come after "
                        "the issue date.",
                        name=cert.name,
                    )
                )

    @api.constrains("type_id", "contact_id")
    def _check_contact(self):
        for cert in self:
            if cert.type_id.scope == "contact" and not cert.contact_id:
                raise ValidationError(
                    self.env._(
                        "Certification %(name)s is for an individual: choose the "
                        "certified contact.",
                        name=cert.name,
                    )
                )

    @api.onchange("contact_id")
    def _onchange_contact_id(self):
        if self.contact_id and not self.partner_id:
            self.partner_id = self.contact_id.commercial_partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("contact_id") and not vals.get("partner_id"):
                contact = self.env["res.partner"].browse(vals["contact_id"])
                vals["partner_id"] = contact.commercial_partner_id.id
        records = super().create(vals_list)
        records._prm_refresh_state()
        return records

    def write(self, vals):
        result = super().write(vals)
        if {"issue_date", "expiry_date", "type_id"} & set(vals) and "state" not in vals:
            self._prm_refresh_state()
        return result

    def _prm_warning_days(self):
        return self.env.company.prm_certification_warning_days

    def _prm_refresh_state(self, today=None):
        """Recompute valid/expiring/expired; return {cert: (old, new)} of changes."""
        today = today or fields.Date.context_today(self)
        warning = self._prm_warning_days()
        changes = {}
        for cert in self:
            new = cert_rules.state(
                today, cert.expiry_date, cert.state == "revoked", warning
            )
            if new != cert.state:
                changes.setdefault(new, self.browse())
                changes[new] |= cert
        for new, certs in changes.items():
            certs.write({"state": new})
        return changes

    @api.ondelete(at_uninstall=False)
    def _unlink_only_ended(self):
        if self.filtered(lambda cert: cert_rules.is_in_force(cert.state)):
            raise UserError(
                self.env._(
                    "A valid certification counts for the partner's tier: revoke it "
                    "instead of deleting it."
                )
            )

    def action_revoke(self):
        access.require(self.env, access.USER)
        self.write({"state": "revoked"})

    def action_reinstate(self):
        access.require(self.env, access.USER)
        self.write({"state": "valid"})
        self._prm_refresh_state()

    @api.model
    def _cron_update_states(self):
        """Daily: move certifications to expiring/expired and notify; by
        chunks (setting ``prm_partner.certification_states.chunk_size``), a
        certification whose state changed leaves the domain. Returns
        {new state: certifications}."""
        changes = {}

        def process(certs, started):
            changed = certs._prm_update_states(fields.Date.context_today(self, started))
            for state, records in changed.items():
                changes[state] = changes.get(state, self.browse()) | records
            return sum(len(records) for records in changed.values())

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_partner.certification_states",
            self,
            self._prm_state_change_domain,
            process,
        )
        return changes

    @api.model
    def _prm_state_change_domain(self, started):
        """The certifications in force whose state changes on the run's day:
        those :func:`cert_rules.state` moves (the warning may have changed)."""
        today = fields.Date.context_today(self, started)
        warn_from = today + datetime.timedelta(days=max(self._prm_warning_days(), 0))
        return [
            ("expiry_date", "!=", False),
            "|",
            "|",
            "&",
            ("state", "in", cert_rules.IN_FORCE_STATES),
            ("expiry_date", "<=", today),
            "&",
            ("state", "=", cert_rules.VALID),
            ("expiry_date", "<=", warn_from),
            "&",
            ("state", "=", cert_rules.EXPIRING),
            ("expiry_date", ">", warn_from),
        ]

    def _prm_update_states(self, today):
        """Refresh the states of these certifications and mail the partners
        of those now expiring or expired; {new state: certifications}."""
        changes = self._prm_refresh_state(today)
        template_expiring = self.env.ref(
            "prm_partner.mail_template_certification_expiring", raise_if_not_found=False
        )
        template_expired = self.env.ref(
            "prm_partner.mail_template_certification_expired", raise_if_not_found=False
        )
        for state, template in (
            ("expiring", template_expiring),
            ("expired", template_expired),
        ):
            if template and changes.get(state):
                # one batch of queued mails, each kept as a log on its record
                template.send_mail_batch(
                    changes[state].ids,
                    email_values={
                        "author_id": self.env.user.partner_id.id,
                        "is_notification": True,
                    },
                )
        return changes
