# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..logic import conflict

#: Answers of the partner under which a routed lead shows on its portal.
PORTAL_ACCEPTANCE = ("offered", "accepted")


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "prm.customer.key.mixin"]

    prm_registration_ids = fields.One2many(
        "prm.deal.registration", "lead_id", string="Deal Registrations"
    )
    prm_protected_until = fields.Date(
        string="Protected Until",
        copy=False,
        tracking=True,
        help="The channel partner's deal registration reserves this opportunity "
        "for them until this day.",
    )
    prm_acceptance = fields.Selection(
        [("offered", "Offered"), ("accepted", "Accepted")],
        string="Partner Acceptance",
        copy=False,
        tracking=True,
        help="Offered: routed to the channel partner, waiting for their answer. "
        "Accepted: the partner works the opportunity.",
    )
    prm_accepted_on = fields.Datetime(
        string="Accepted On", readonly=True, copy=False, groups="base.group_user"
    )
    prm_decline_reason = fields.Text(string="Last Decline Reason", copy=False)
    prm_partner_notes = fields.Text(
        string="Partner Notes",
        copy=False,
        help="Notes the partner keeps on the portal.",
    )

    @api.depends(
        "partner_name",
        "partner_id.commercial_partner_id.vat",
        "partner_id.commercial_company_name",
        "email_from",
        "website",
        "phone",
        "mobile",
        "country_id",
    )
    def _compute_prm_keys(self):
        forms = self._prm_term_forms()
        for lead in self:
            commercial = lead.partner_id.commercial_partner_id
            company_name = lead.partner_name or (
                commercial.name if commercial.is_company else False
            )
            keys = conflict.compute_keys(
                name=company_name,
                tax_id=commercial.vat,
                email=lead.email_from,
                phone=lead.phone or lead.mobile,
                country_code=lead.country_id.code or "VN",
                website=lead.website,
                term_forms=forms,
            )
            lead._prm_set_customer_keys(keys)

    def _prm_conflict_name(self):
        self.ensure_one()
        commercial = self.partner_id.commercial_partner_id
        return self.partner_name or commercial.name or self.name

    def write(self, vals):
        if "prm_partner_id" in vals and not vals["prm_partner_id"]:
            vals = dict(vals, prm_acceptance=False)
        result = super().write(vals)
        if {"stage_id", "active", "probability"} & set(vals):
            # Salespeople without PRM rights move opportunities too: the
            # registrations follow as superuser, the user reads none of them.
            registrations = self.sudo().prm_registration_ids.filtered(
                lambda r: r.state == "approved"
            )
            if registrations:
                registrations._prm_follow_opportunity()
        return result

    # ------------------------------------------------------------------
    # Merge: the surviving opportunity keeps registrations and protection
    # ------------------------------------------------------------------

    def _merge_get_fields(self):
        return super()._merge_get_fields() + [
            "prm_protected_until",
            "prm_acceptance",
            "prm_decline_reason",
            "prm_partner_notes",
        ]

    def _merge_dependences(self, opportunities):
        """Registrations and the conflict evidence of reviews follow the
        opportunities merged into this one (they would lose them otherwise)."""
        result = super()._merge_dependences(opportunities)
        for model in ("prm.deal.registration", "prm.deal.registration.conflict"):
            records = (
                self.env[model].sudo().search([("lead_id", "in", opportunities.ids)])
            )
            if records:
                records.write({"lead_id": self.id})
        return result

    def _prm_assign_partner(self, partner, reason):
        """A routed lead waits for the partner's answer on the portal."""
        result = super()._prm_assign_partner(partner, reason)
        # like the assignment itself: routing may touch leads of other salespeople
        self.sudo().prm_acceptance = "offered"
        return result

    # ------------------------------------------------------------------
    # Portal answers of the channel partner
    # ------------------------------------------------------------------

    def _prm_is_won(self):
        self.ensure_one()
        return bool(self.active and self.stage_id.is_won)

    def _prm_is_lost(self):
        self.ensure_one()
        return not self.active and not self.stage_id.is_won

    def _prm_accept(self, partner):
        """The channel partner ``partner`` takes the routed lead: it becomes
        their opportunity, protected by their tier's protection days."""
        self.ensure_one()
        if self.prm_partner_id != partner or self.prm_acceptance != "offered":
            raise UserError(self.env._("This lead is not offered to you any more."))
        days = partner.prm_tier_id.protection_days or 0
        today = fields.Date.context_today(self)
        vals = {
            "prm_acceptance": "accepted",
            "prm_accepted_on": fields.Datetime.now(),
            "prm_protected_until": fields.Date.add(today, days=days) if days else False,
        }
        if self.type == "lead":
            self.convert_opportunity(self.partner_id)
        self.write(vals)
        self.message_post(
            body=self.env._("%(partner)s accepted the lead.", partner=partner.name),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _prm_decline(self, partner, reason):
        """The channel partner declines: remember it, offer the lead to the
        next candidate who never declined it, or back to the sales team."""
        self.ensure_one()
        if self.prm_partner_id != partner or self.prm_acceptance != "offered":
            raise UserError(self.env._("This lead is not offered to you any more."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give a reason for declining."))
        self.write(
            {
                "prm_declined_partner_ids": [fields.Command.link(partner.id)],
                "prm_decline_reason": reason,
                "prm_partner_id": False,
                "prm_acceptance": False,
            }
        )
        self.message_post(
            body=self.env._(
                "%(partner)s declined the lead: %(reason)s",
                partner=partner.name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        declined = self.prm_declined_partner_ids
        for candidate, __, route_reason in self._prm_route_candidates():
            if candidate in declined:
                continue
            self._prm_assign_partner(candidate, route_reason)
            return candidate
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=self.env._("No partner left for this lead"),
            )
        return self.env["res.partner"]

    @api.model
    def _prm_portal_domain(self, partner, acceptance=PORTAL_ACCEPTANCE):
        """Leads routed to ``partner`` whose answer is in ``acceptance``."""
        return [
            ("prm_partner_id", "=", partner.id),
            ("prm_acceptance", "in", list(acceptance)),
        ]

    def _prm_portal_is_closed(self):
        """Won or archived: the vendor's record, read-only on the portal."""
        self.ensure_one()
        return not self.active or self.stage_id.is_won

    def _prm_portal_update(self, vals, action=None, lost_reason=None):
        """Updates a partner may make on its accepted, open opportunity, and
        marking it won or lost. A win reported here counts for the partner's
        tier once a confirmed sale order backs it or a PRM user confirms it."""
        self.ensure_one()
        if self._prm_portal_is_closed():
            raise UserError(
                self.env._("This opportunity is closed and can no longer change.")
            )
        allowed = {"stage_id", "expected_revenue", "date_deadline", "prm_partner_notes"}
        unknown = set(vals) - allowed
        if unknown:
            raise UserError(
                self.env._("These fields cannot be changed from the portal.")
            )
        if vals.get("stage_id"):
            stage = self.env["crm.stage"].browse(vals["stage_id"]).exists()
            if (
                not stage
                or stage.is_won
                or (stage.team_id and stage.team_id != self.team_id)
            ):
                raise UserError(self.env._("Please choose a valid stage."))
        self.write(vals)
        if action == "won":
            self.action_set_won()
            self.write({"prm_win_reported": True})
            if self.user_id:
                self.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=self.user_id.id,
                    summary=self.env._("Confirm the win reported by the partner"),
                )
        elif action == "lost":
            self.action_set_lost(
                lost_reason_id=lost_reason.id if lost_reason else False
            )
        return True
