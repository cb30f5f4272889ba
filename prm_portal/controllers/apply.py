# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, http
from odoo.http import request

from ..logic import ratelimit, validation
from ..logic.validation import FieldSpec
from .portal import translate_error

HONEYPOT_FIELD = "company_fax"
RATE_WINDOW_SECONDS = 3600


class PrmPartnerApplication(http.Controller):
    def _prm_apply_specs(self):
        env = request.env(su=True)
        types = env["res.partner"]._fields["prm_partner_type"].get_values(env)
        V = validation
        return [
            FieldSpec("company_name", V.CHAR, required=True, max_length=128),
            FieldSpec("contact_name", V.CHAR, required=True, max_length=128),
            FieldSpec("email", V.EMAIL, required=True),
            FieldSpec("phone", V.PHONE, required=True),
            FieldSpec("vat", V.CHAR, max_length=32),
            FieldSpec("website", V.URL),
            FieldSpec(
                "country_id",
                V.SELECTION,
                required=True,
                choices=tuple(env["res.country"].search([]).ids),
            ),
            FieldSpec("partner_type", V.SELECTION, required=True, choices=tuple(types)),
            FieldSpec("message", V.TEXT, max_length=3000),
        ]

    def _prm_apply_values(self, form, errors):
        env = request.env(su=True)
        return {
            "form": form,
            "errors": errors,
            "countries": env["res.country"].search([]),
            "partner_types": env["res.partner"]
            ._fields["prm_partner_type"]
            ._description_selection(request.env),
            "honeypot_field": HONEYPOT_FIELD,
        }

    def _prm_rate_limited(self, ip):
        env = request.env
        limit = int(
            env["ir.config_parameter"]
            .sudo()
            .get_param("prm_portal.apply_rate_limit", 3)
        )
        now = fields.Datetime.now()
        previous = (
            env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("prm_application_ip", "=", ip),
                    (
                        "prm_application_date",
                        ">",
                        now - timedelta(seconds=RATE_WINDOW_SECONDS),
                    ),
                ]
            )
            .mapped("prm_application_date")
        )
        return not ratelimit.is_allowed(previous, now, limit, RATE_WINDOW_SECONDS)

    @http.route(
        ["/partners/apply"],
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def prm_partner_apply(self, **form):
        if request.httprequest.method != "POST":
            return request.render(
                "prm_portal.partner_apply_page", self._prm_apply_values({}, {})
            )
        if validation.is_honeypot_filled(form, HONEYPOT_FIELD):
            # Bots get the same answer as people and create nothing.
            return request.render("prm_portal.partner_apply_thanks", {})
        ip = request.httprequest.remote_addr or ""
        if self._prm_rate_limited(ip):
            values = self._prm_apply_values(form, {})
            values["error_message"] = request.env._(
                "Too many applications from your network; please try again later."
            )
            return request.render("prm_portal.partner_apply_page", values, status=429)
        cleaned, errors = validation.validate(form, self._prm_apply_specs())
        if errors:
            messages = {
                name: translate_error(request.env, error)
                for name, error in errors.items()
            }
            return request.render(
                "prm_portal.partner_apply_page", self._prm_apply_values(form, messages)
            )
        company = request.env["res.partner"].sudo()._prm_create_application(cleaned, ip)
        company.env.flush_all()
        return request.render("prm_portal.partner_apply_thanks", {})
