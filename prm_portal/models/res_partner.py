# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

from ..logic import conflict, ratelimit

#: A partner without a deal registration for this long is at risk.
IDLE_REGISTRATION_DAYS = 60

#: Namespace of the advisory locks taken by the public application form.
APPLICATION_LOCK = "prm_portal.apply"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "prm.customer.key.mixin"]

    # Customer identity keys (prm.customer.key.mixin): internal users only.
    prm_key_tax = fields.Char(groups="base.group_user")
    prm_key_domain = fields.Char(groups="base.group_user")
    prm_key_phone = fields.Char(groups="base.group_user")
    prm_key_name = fields.Char(groups="base.group_user")
    prm_key_name_fuzzy = fields.Char(groups="base.group_user")
    prm_key_name_typos = fields.Char(groups="base.group_user")
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
        string="Applied On",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
    )
    prm_application_ip = fields.Char(
        string="Application IP", readonly=True, copy=False, groups="base.group_system"
    )
    prm_application_ip_bucket = fields.Char(
        string="Application Network",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="The network the application is counted in by the rate limit: the "
        "IPv4 address, or the /64 network of an IPv6 address.",
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

    @api.model
    def _prm_period_actuals(self, partners, kind, date_from, date_to, company=None):
        if kind == "registrations":
            return partners._prm_registrations_submitted(date_from, date_to, company)
        return super()._prm_period_actuals(
            partners, kind, date_from, date_to, company=company
        )

    @api.model
    def _prm_risk_partner_ids(self):
        """Active partners that registered no deal for 60 days are at risk."""
        risks = super()._prm_risk_partner_ids()
        since = fields.Datetime.now() - timedelta(days=IDLE_REGISTRATION_DAYS)
        recent = (
            self.env["prm.deal.registration"]
            .sudo()
            ._read_group([("date_submitted", ">=", since)], ["partner_id"])
        )
        active = self.sudo().search(
            [
                ("prm_is_partner", "=", True),
                ("is_company", "=", True),
                ("prm_stage", "=", "active"),
                ("id", "not in", [partner.id for (partner,) in recent]),
            ]
        )
        risks[self.env._("No registration in 60 days")] = set(active.ids)
        return risks

    def _prm_registrations_submitted(self, date_from, date_to, company=None):
        """{partner id: deal registrations submitted in the period}."""
        company = company or self.env.company
        domain = [
            ("partner_id", "in", self.ids),
            ("company_id", "=", company.id),
            ("date_submitted", ">=", fields.Datetime.to_datetime(date_from)),
            (
                "date_submitted",
                "<",
                fields.Datetime.to_datetime(date_to) + timedelta(days=1),
            ),
        ]
        groups = (
            self.env["prm.deal.registration"]
            .sudo()
            ._read_group(domain, ["partner_id"], ["__count"])
        )
        return {partner.id: count for partner, count in groups}

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
        forms = self._prm_term_forms()
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
                term_forms=forms,
            )
            partner._prm_set_customer_keys(keys)

    def _prm_conflict_name(self):
        self.ensure_one()
        return self.commercial_partner_id.name

    @api.model
    def _prm_application_wait(self, ip):
        """``(seconds, scope)`` before the network of ``ip`` may apply again
        (``(0, None)``: now), for the per-network and the global hourly limits
        (scope ``network`` or ``global``).

        Takes transaction-level advisory locks, on the network's bucket and
        then on all applications (always in this order), held until the
        request's transaction ends: parallel posts are counted one after the
        other, each seeing the application the previous one created. The
        count runs in a transaction started once the locks are granted, since
        the request's own snapshot is older than the wait for the locks.
        """
        bucket = ratelimit.ip_bucket(ip)
        params = self.env["ir.config_parameter"].sudo()
        limit = ratelimit.parse_limit(
            params.get_param("prm_portal.apply_rate_limit"),
            ratelimit.DEFAULT_APPLY_LIMIT,
        )
        global_limit = ratelimit.parse_limit(
            params.get_param("prm_portal.apply_global_rate_limit"),
            ratelimit.DEFAULT_APPLY_GLOBAL_LIMIT,
        )
        cr = self.env.cr
        cr.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s), hashtext(%s))",
            [APPLICATION_LOCK, bucket],
        )
        cr.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [APPLICATION_LOCK + ".all"]
        )
        now = fields.Datetime.now()
        since = now - timedelta(seconds=ratelimit.APPLY_WINDOW_SECONDS)
        with self.env.registry.cursor() as fresh:
            env = api.Environment(fresh, SUPERUSER_ID, {"active_test": False})
            recent = env["res.partner"].search_fetch(
                [("prm_application_date", ">", since)],
                ["prm_application_date", "prm_application_ip_bucket"],
            )
            all_dates = recent.mapped("prm_application_date")
            network_dates = [
                partner.prm_application_date
                for partner in recent
                if partner.prm_application_ip_bucket == bucket
            ]
        return ratelimit.application_wait(
            network_dates, all_dates, now, limit, global_limit
        )

    @api.model
    def _prm_create_application(self, values, ip=None):
        """Applicant company and its contact from the public form (cleaned
        values), with one review activity for a PRM manager."""
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
                "prm_application_ip_bucket": ratelimit.ip_bucket(ip) if ip else False,
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
        activity_type = self._prm_application_review_type()
        reviewer = self._prm_application_reviewer(activity_type)
        if reviewer:
            company.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=reviewer.id,
                summary=self.env._("Review partner application"),
            )
        return company

    @api.model
    def _prm_application_review_type(self):
        return self.env.ref(
            "prm_portal.mail_activity_type_prm_application_review",
            raise_if_not_found=False,
        ) or self.env.ref("mail.mail_activity_data_todo")

    @api.model
    def _prm_application_reviewer(self, activity_type):
        """The PRM manager who reviews the next application: among the
        active internal managers of the current company, the one with the
        fewest open reviews, the oldest account first on a tie. Empty when
        the company has no PRM manager."""
        managers = self.env.ref("prm_partner.group_prm_manager").users.filtered(
            lambda u: not u.share
            and u.active
            and u.id != SUPERUSER_ID
            and self.env.company in u.company_ids
        )
        if not managers:
            return managers
        open_reviews = {
            user.id: count
            for user, count in self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("res_model", "=", "res.partner"),
                    ("user_id", "in", managers.ids),
                ],
                ["user_id"],
                ["__count"],
            )
        }
        return min(managers, key=lambda u: (open_reviews.get(u.id, 0), u.id))

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
