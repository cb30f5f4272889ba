# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..logic import ratelimit, validation
from ..logic.validation import FieldSpec
from .common import translate_error

HONEYPOT_FIELD = "company_fax"
#: Action name given to reCAPTCHA / Turnstile tokens of this form.
CAPTCHA_ACTION = "prm_partner_apply"


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

    def _prm_apply_error(self, form, message, status=200, headers=None):
        values = self._prm_apply_values(form, {})
        values["error_message"] = message
        return request.render(
            "prm_portal.partner_apply_page", values, status=status, headers=headers
        )

    def _prm_captcha_error(self):
        """Why Odoo's captcha (reCAPTCHA, Turnstile: optional modules that
        override the check when installed and configured) refuses this post,
        or ``None``; without them the check lets everything through."""
        try:
            if request.env["ir.http"]._verify_request_recaptcha_token(CAPTCHA_ACTION):
                return None
        except UserError as exc:
            return exc.args[0]
        return request.env._(
            "Our anti-spam check did not let your application through; please "
            "try again."
        )

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
        captcha_error = self._prm_captcha_error()
        if captcha_error:
            return self._prm_apply_error(form, captcha_error)
        cleaned, errors = validation.validate(form, self._prm_apply_specs())
        if errors:
            messages = {
                name: translate_error(request.env, error)
                for name, error in errors.items()
            }
            return request.render(
                "prm_portal.partner_apply_page", self._prm_apply_values(form, messages)
            )
        ip = request.httprequest.remote_addr or ""
        Partner = request.env["res.partner"].sudo()
        seconds, scope = Partner._prm_application_wait(ip)
        if seconds:
            minutes = math.ceil(seconds / 60)
            if scope == ratelimit.GLOBAL:
                message = request.env._(
                    "We are receiving many applications right now; please try "
                    "again in %(minutes)s minutes.",
                    minutes=minutes,
                )
            else:
                message = request.env._(
                    "Too many applications from your network; please try again "
                    "in %(minutes)s minutes.",
                    minutes=minutes,
                )
            return self._prm_apply_error(
                form, message, status=429, headers={"Retry-After": str(seconds)}
            )
        company = Partner._prm_create_application(cleaned, ip)
        company.env.flush_all()
        return request.render("prm_portal.partner_apply_thanks", {})
