# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deal registration and its workflow: submission, review, approval with the
opportunity it protects, rejection, extension, expiry. The channel conflict
check and the claim on the customer are in prm_deal_registration_claim.py."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, plaintext2html

from odoo.addons.prm_partner import access

from ..logic import registration

STATE_SELECTION = [
    ("submitted", "Submitted"),
    ("under_review", "Under Review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("expired", "Expired"),
    ("won", "Won"),
    ("lost", "Lost"),
]

#: Customer fields a partner may change while the registration is submitted.
PORTAL_EDITABLE_FIELDS = (
    "customer_name",
    "customer_vat",
    "customer_contact_name",
    "customer_email",
    "customer_phone",
    "customer_country_id",
    "customer_state_id",
    "customer_zip",
    "customer_industry_id",
    "product_ids",
    "expected_revenue",
    "date_close",
    "notes",
)


class PrmDealRegistration(models.Model):
    _name = "prm.deal.registration"
    _description = "Deal Registration"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "prm.customer.key.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # partners discuss their own registrations with the reviewer
    _mail_post_access = "read"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Channel Partner",
        required=True,
        index=True,
        tracking=True,
        domain=[("prm_is_partner", "=", True)],
        ondelete="restrict",
        check_company=True,
    )
    submitted_by_id = fields.Many2one("res.partner", readonly=True, copy=False)
    tier_id = fields.Many2one(related="partner_id.prm_tier_id", string="Partner Tier")
    state = fields.Selection(
        STATE_SELECTION,
        default="submitted",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    # End customer
    customer_name = fields.Char(string="Customer", required=True, tracking=True)
    customer_vat = fields.Char(string="Customer Tax ID")
    customer_contact_name = fields.Char(string="Contact Name")
    customer_email = fields.Char(string="Contact E-mail")
    customer_phone = fields.Char(string="Contact Phone")
    customer_country_id = fields.Many2one("res.country", string="Country")
    customer_state_id = fields.Many2one(
        "res.country.state",
        string="State / Province",
        domain="[('country_id', '=?', customer_country_id)]",
    )
    customer_zip = fields.Char(string="ZIP")
    customer_industry_id = fields.Many2one("res.partner.industry", string="Industry")
    product_ids = fields.Many2many(
        "product.template",
        string="Products of Interest",
        domain=[("sale_ok", "=", True)],
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    expected_revenue = fields.Monetary(
        string="Estimated Value", currency_field="currency_id", tracking=True
    )
    date_close = fields.Date(string="Expected Close Date")
    notes = fields.Text()
    # Review
    date_submitted = fields.Datetime(
        string="Submitted On", readonly=True, copy=False, default=fields.Datetime.now
    )
    reviewer_id = fields.Many2one("res.users", tracking=True)
    date_approved = fields.Date(string="Approved On", readonly=True, copy=False)
    rejection_reason = fields.Text(
        tracking=True, help="Shown to the partner on the portal."
    )
    protected_until = fields.Date(readonly=True, copy=False, tracking=True)
    extension_state = fields.Selection(
        [("requested", "Requested"), ("granted", "Granted"), ("refused", "Refused")],
        string="Extension",
        readonly=True,
        copy=False,
        tracking=True,
    )
    extension_reason = fields.Text(readonly=True, copy=False)
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )

    _sql_constraints = [
        (
            "expected_revenue_positive",
            "CHECK(expected_revenue IS NULL OR expected_revenue >= 0)",
            "The estimated value cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for reg in self:
            reg.access_url = f"/my/deals/{reg.id}"
        return result

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("prm.deal.registration") or "/"
                )
        registrations = super().create(vals_list)
        registrations._prm_check_and_claim()
        for reg in registrations:
            reviewer = reg.partner_id.prm_manager_id
            if reviewer:
                reg.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=reviewer.id,
                    summary=self.env._("Review deal registration"),
                )
        return registrations

    @api.ondelete(at_uninstall=False)
    def _unlink_only_closed(self):
        if self.filtered(lambda reg: reg.state in registration.LIVE_STATES):
            raise UserError(
                self.env._(
                    "A live registration holds or claims its customer: reject it "
                    "before deleting it."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _prm_check_transition(self, new_state):
        for reg in self:
            if not registration.can_transition(reg.state, new_state):
                raise UserError(
                    self.env._(
                        "Registration %(name)s cannot go from %(old)s to %(new)s.",
                        name=reg.name,
                        old=dict(STATE_SELECTION)[reg.state],
                        new=dict(STATE_SELECTION)[new_state],
                    )
                )

    def action_review(self):
        access.require(self.env, access.USER)
        self._prm_check_transition("under_review")
        self.write({"state": "under_review", "reviewer_id": self.env.user.id})

    def action_view_opportunity(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
        }

    def action_recheck_conflicts(self):
        access.require(self.env, access.USER)
        live = self.filtered(lambda r: r.state in ("submitted", "under_review"))
        live._prm_check_and_claim()
        return True

    def action_approve(self):
        """Approve: the registration must hold its customer; creates or links
        the opportunity and protects it."""
        access.require(self.env, access.USER)
        self._prm_check_transition("approved")
        today = fields.Date.context_today(self)
        for reg in self:
            if not reg.sudo().claim_active and not reg._prm_try_claim():
                holder = reg._prm_claim_holder()
                raise UserError(
                    self.env._(
                        "Registration %(holder)s already holds this customer; "
                        "reject it (or let it expire) before approving %(name)s.",
                        holder=holder.name or "?",
                        name=reg.name,
                    )
                )
            until = registration.protection_end(
                today, reg.partner_id.prm_tier_id.protection_days
            )
            lead = reg._prm_link_opportunity(until)
            reg.write(
                {
                    "state": "approved",
                    "date_approved": today,
                    "protected_until": until,
                    "lead_id": lead.id,
                    "reviewer_id": reg.reviewer_id.id or self.env.user.id,
                }
            )
            reg.message_post(
                body=self.env._(
                    "Registration approved; protected until %(date)s.",
                    date=format_date(self.env, until),
                ),
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _prm_link_opportunity(self, until):
        """Existing open opportunity of the same customer without another
        partner (strong match), else a new one."""
        self.ensure_one()
        Lead = self.env["crm.lead"].sudo()
        lead = self.lead_id
        if not lead:
            strong = self.sudo().conflict_ids.filtered(
                lambda c: c.kind == "lead"
                and c.score >= 90
                and c.lead_id.active
                and c.lead_id.prm_partner_id
                in (self.partner_id, self.env["res.partner"])
            )
            lead = strong[:1].lead_id
        values = {
            "prm_partner_id": self.partner_id.id,
            "prm_protected_until": until,
            "prm_acceptance": "accepted",
        }
        if lead:
            if lead.type == "lead":
                lead.convert_opportunity(lead.partner_id)
            lead.write(values)
            return lead
        values.update(
            {
                "type": "opportunity",
                "name": self.env._(
                    "%(customer)s (registration %(ref)s)",
                    customer=self.customer_name,
                    ref=self.name,
                ),
                "partner_name": self.customer_name,
                "contact_name": self.customer_contact_name,
                "email_from": self.customer_email,
                "phone": self.customer_phone,
                "country_id": self.customer_country_id.id,
                "state_id": self.customer_state_id.id,
                "zip": self.customer_zip,
                "expected_revenue": self.expected_revenue,
                "date_deadline": self.date_close,
                "description": plaintext2html(self.notes) if self.notes else False,
                "company_id": self.company_id.id,
                "user_id": self.partner_id.prm_manager_id.id or self.env.user.id,
            }
        )
        return Lead.create(values)

    def action_reject(self, reason=None):
        access.require(self.env, access.USER)
        self._prm_check_transition("rejected")
        reason = reason or self.env.context.get("prm_rejection_reason")
        for reg in self:
            if not (reason or reg.rejection_reason):
                raise UserError(
                    self.env._(
                        "Please give the partner a reason for rejecting %(name)s.",
                        name=reg.name,
                    )
                )
        vals = {"state": "rejected"}
        if reason:
            vals["rejection_reason"] = reason
        self.write(vals)
        self._prm_release_claim()
        return True

    def action_open_reject_wizard(self):
        access.require(self.env, access.USER)
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Registration"),
            "res_model": "prm.deal.registration",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "prm_portal.prm_deal_registration_view_form_reject"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
        }

    def action_confirm_reject(self):
        return self.action_reject()

    def _prm_request_extension(self, reason):
        """Partner's request for one extension of the protection."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        refusal = registration.extension_refusal(
            self.state, self.protected_until, today, bool(self.extension_state)
        )
        messages = {
            "state": self.env._("Only approved registrations can be extended."),
            "already": self.env._("An extension was already requested."),
            "ended": self.env._("The protection has already ended."),
            "too_early": self.env._(
                "An extension can be requested during the last %(days)s days "
                "of the protection.",
                days=registration.EXTENSION_REQUEST_WINDOW_DAYS,
            ),
        }
        if refusal:
            raise UserError(messages[refusal])
        self.write({"extension_state": "requested", "extension_reason": reason})
        reviewer = self.reviewer_id or self.partner_id.prm_manager_id
        if reviewer:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=reviewer.id,
                summary=self.env._("Extension requested"),
                note=reason,
            )
        return True

    def action_grant_extension(self):
        access.require(self.env, access.USER)
        for reg in self.filtered(lambda r: r.extension_state == "requested"):
            until = fields.Date.add(
                reg.protected_until, days=registration.DEFAULT_EXTENSION_DAYS
            )
            reg.write({"extension_state": "granted", "protected_until": until})
            if reg.lead_id:
                reg.lead_id.sudo().prm_protected_until = until
        return True

    def action_refuse_extension(self):
        access.require(self.env, access.USER)
        self.filtered(lambda r: r.extension_state == "requested").write(
            {"extension_state": "refused"}
        )
        return True

    def _prm_follow_opportunity(self):
        """Mirror won/lost of the linked opportunity."""
        for reg in self.filtered(lambda r: r.state == "approved" and r.lead_id):
            lead = reg.lead_id.sudo()
            new_state = registration.state_from_opportunity(
                lead._prm_is_won(), lead._prm_is_lost()
            )
            if new_state:
                reg.state = new_state
                reg._prm_release_claim()

    @api.model
    def _cron_expire(self, today=None):
        """Daily: expire approved registrations whose protection ended, by
        chunks (setting ``prm_portal.registration_expire.chunk_size``); a
        registration done is no longer approved and leaves the domain.
        Returns the registrations expired."""
        done = []

        def process(registrations, started):
            registrations._prm_follow_opportunity()
            expired = registrations.filtered(lambda r: r.state == "approved")
            if expired:
                expired.write({"state": "expired"})
                expired._prm_release_claim()
                expired.lead_id.sudo().write({"prm_protected_until": False})
            done.append(expired)
            return len(expired)

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_portal.registration_expire",
            self,
            lambda started: registration.expired_domain(
                today or fields.Date.context_today(self, started)
            ),
            process,
        )
        return self.browse([reg.id for chunk in done for reg in chunk])
