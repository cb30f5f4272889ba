# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

from ..logic import conflict


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "prm.customer.key.mixin"]

    # Customer identity keys (prm.customer.key.mixin): internal users only.
    prm_key_tax = fields.Char(groups="base.group_user")
    prm_key_domain = fields.Char(groups="base.group_user")
    prm_key_phone = fields.Char(groups="base.group_user")
    prm_key_name = fields.Char(groups="base.group_user")
    prm_deal_registration_ids = fields.One2many(
        "prm.deal.registration",
        "partner_id",
        string="Deal Registrations",
        groups="prm_partner.group_prm_user",
    )
    prm_deal_registration_count = fields.Integer(
        string="Deal Registration Count",
        compute="_compute_prm_deal_registration_count",
        groups="prm_partner.group_prm_user",
    )
    prm_application_date = fields.Datetime(
        string="Applied On", readonly=True, copy=False, groups="base.group_user"
    )
    prm_application_ip = fields.Char(
        string="Application IP", readonly=True, copy=False, groups="base.group_system"
    )
    prm_application_note = fields.Text(
        string="Application Message",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    prm_territory_scope_ids = fields.Many2many(
        "prm.territory",
        string="Territories and Parents",
        compute="_compute_prm_territory_scope_ids",
        help="The partner's territories and every territory above them: a "
        "document for a territory reaches the partners of its sub-territories.",
    )

    @api.depends("prm_territory_ids.parent_path")
    def _compute_prm_territory_scope_ids(self):
        for partner in self:
            ids = {
                int(part)
                for territory in partner.sudo().prm_territory_ids
                for part in (territory.parent_path or "").split("/")
                if part
            }
            partner.prm_territory_scope_ids = [fields.Command.set(sorted(ids))]

    def _compute_prm_deal_registration_count(self):
        counts = self._count_by("prm.deal.registration", "partner_id")
        for partner in self:
            partner.prm_deal_registration_count = counts.get(partner.id, 0)

    @api.depends(
        "vat",
        "email",
        "website",
        "phone",
        "mobile",
        "name",
        "is_company",
        "commercial_company_name",
        "country_id",
    )
    def _compute_prm_keys(self):
        for partner in self:
            company_name = (
                partner.name
                if partner.is_company
                else (partner.commercial_company_name or partner.name)
            )
            keys = conflict.compute_keys(
                name=company_name,
                tax_id=partner.vat,
                email=partner.email,
                phone=partner.phone or partner.mobile,
                country_code=partner.country_id.code or "VN",
                website=partner.website,
            )
            partner._prm_set_customer_keys(keys)

    @api.model
    def _prm_create_application(self, values, ip=None):
        """Applicant company and its contact from the public form (cleaned
        values), with a to-do for every PRM manager."""
        company = self.create(
            {
                "name": values["company_name"],
                "is_company": True,
                "vat": values.get("vat") or False,
                "email": values["email"],
                "phone": values.get("phone") or False,
                "website": values.get("website") or False,
                "country_id": int(values["country_id"]),
                "prm_is_partner": True,
                "prm_partner_type": values["partner_type"],
                "prm_application_date": fields.Datetime.now(),
                "prm_application_ip": ip,
                "prm_application_note": values.get("message") or False,
            }
        )
        self.create(
            {
                "name": values["contact_name"],
                "parent_id": company.id,
                "type": "contact",
                "email": values["email"],
                "phone": values.get("phone") or False,
            }
        )
        company._prm_set_stage("applicant", self.env._("Application from the website."))
        managers = self.env.ref("prm_partner.group_prm_manager").users.filtered(
            lambda u: not u.share and u.active and u.id != SUPERUSER_ID
        )
        for manager in managers[:10]:
            company.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=self.env._("Review partner application"),
            )
        return company

    def action_prm_approve_application(self):
        """Accept partner applications: onboarding stage, portal invitation of
        the contact who applied."""
        if not self.env.user.has_group("prm_partner.group_prm_manager"):
            raise UserError(self.env._("Only PRM managers can approve applications."))
        for partner in self:
            if partner.prm_stage != "applicant":
                raise UserError(
                    self.env._(
                        "%(partner)s is not an applicant.", partner=partner.display_name
                    )
                )
        for partner in self:
            partner._prm_set_stage("onboarding", self.env._("Application approved."))
            contacts = partner.child_ids.filtered(lambda c: c.email and c.active)[:1]
            if not contacts and partner.email:
                contacts = partner
            if contacts:
                wizard = (
                    self.env["portal.wizard"]
                    .sudo()
                    .create({"partner_ids": [fields.Command.set(contacts.ids)]})
                )
                wizard.user_ids.filtered(
                    lambda u: not u.is_portal
                ).action_grant_access()
        return True

    def action_prm_view_deal_registrations(self):
        return self._prm_action(
            "prm_portal.prm_deal_registration_action",
            [("partner_id", "=", self.id)],
            {"default_partner_id": self.id},
        )
