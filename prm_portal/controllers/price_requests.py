# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Special price requests of the partner: list, page, and a new request
from one of its approved deal registrations or opportunities."""

import re

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..logic import validation
from ..logic.validation import FieldSpec
from .common import PrmPortalSection

PRICE_URL = "/my/price-requests"
MAX_PRODUCTS = 200


class PrmPriceRequestPortal(PrmPortalSection):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_price_request_count" in counters:
            values["prm_price_request_count"] = (
                self._prm_own_count("prm.price.request")
                if self._prm_is_partner()
                else 0
            )
        return values

    def _prm_price_origins(self, partner):
        """[(value, label)] of the deals a request may come from: approved
        registrations and the partner's open opportunities."""
        env = request.env
        registrations = (
            env["prm.deal.registration"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("state", "=", "approved")],
                limit=200,
            )
        )
        leads = (
            env["crm.lead"]
            .sudo()
            .search(
                env["crm.lead"]._prm_portal_domain(partner, ["accepted"])
                + [("type", "=", "opportunity")],
                limit=200,
            )
        )
        options = [
            (f"registration-{reg.id}", f"{reg.name} - {reg.customer_name}")
            for reg in registrations
        ]
        options += [
            (f"lead-{lead.id}", f"{lead.name} - {lead.partner_name or ''}".strip(" -"))
            for lead in leads
        ]
        return options

    @http.route(
        [PRICE_URL, f"{PRICE_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_price_requests(self, page=1, **kw):
        partner = self._prm_require_partner()
        Request = request.env["prm.price.request"]
        domain = [("partner_id", "=", partner.id)]
        pager = self._prm_pager(PRICE_URL, Request.search_count(domain), page)
        requests = Request.search(
            domain, limit=self._prm_items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_price_request",
                "price_requests": requests.sudo(),
                "pager": pager,
            }
        )
        return request.render("prm_portal.portal_my_price_requests", values)

    @http.route(
        [f"{PRICE_URL}/<int:request_id>"], type="http", auth="user", website=True
    )
    def prm_portal_price_request_page(self, request_id, message=None, **kw):
        self._prm_require_partner()
        price_request = self._prm_check_access("prm.price.request", request_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_price_request",
                "price_request": price_request,
                "message": message,
            }
        )
        return request.render("prm_portal.portal_price_request_page", values)

    def _prm_validate_price_request(self, partner, form, origins):
        env = request.env
        V = validation
        today = fields.Date.context_today(env.user)
        specs = [
            FieldSpec(
                "origin", V.SELECTION, required=True, choices=[o[0] for o in origins]
            ),
            FieldSpec("products", V.TEXT, required=True, max_length=5000),
            FieldSpec("discount", V.AMOUNT, required=True, max_value=100),
            FieldSpec("date_end", V.DATE, future_only=True),
            FieldSpec("reason", V.TEXT, required=True, max_length=2000),
        ]
        cleaned, errors = V.validate(
            form, specs, today=today, separators=self._prm_separators()
        )
        messages = self._prm_translate_errors(errors)
        discount = cleaned.get("discount")
        if discount is not None and not 0 < discount < 100:
            messages["discount"] = env._(
                "Please enter a discount of more than 0% and less than 100%."
            )
        codes = [c for c in re.split(r"[\s,;]+", cleaned.get("products") or "") if c]
        products = env["product.template"]
        if len(codes) > MAX_PRODUCTS:
            messages["products"] = env._(
                "At most %(max)s products per request.", max=MAX_PRODUCTS
            )
        elif codes:
            domain = [("default_code", "in", codes)]
            domain += request.website.sale_product_domain()
            found = env["product.product"].sudo().search(domain)
            unknown = sorted(set(codes) - set(found.mapped("default_code")))
            if unknown:
                messages["products"] = env._(
                    "No product with the code %(codes)s.", codes=", ".join(unknown)
                )
            products = found.product_tmpl_id
        vals = {
            "partner_id": partner.id,
            "product_ids": [fields.Command.set(products.ids)],
            "discount": discount or 0.0,
            "date_end": cleaned.get("date_end"),
            "reason": cleaned.get("reason"),
        }
        kind, _sep, origin_id = (cleaned.get("origin") or "").partition("-")
        if kind == "registration":
            vals["registration_id"] = int(origin_id)
        elif kind == "lead":
            vals["lead_id"] = int(origin_id)
        return vals, messages

    @http.route(
        [f"{PRICE_URL}/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def prm_portal_price_request_new(self, **form):
        partner = self._prm_require_partner()
        origins = self._prm_price_origins(partner)
        errors = {}
        if request.httprequest.method == "POST":
            vals, errors = self._prm_validate_price_request(partner, form, origins)
            if not errors:
                try:
                    # checks done: the partner's own deal, products of the shop
                    with request.env.cr.savepoint():
                        price_request = (
                            request.env["prm.price.request"].sudo().create(vals)
                        )
                        price_request._prm_submit()
                        price_request.env.flush_all()
                except (UserError, ValidationError) as exc:
                    errors = {"origin": exc.args[0]}
                else:
                    return request.redirect(
                        f"{PRICE_URL}/{price_request.id}?message=submitted"
                    )
        else:
            # a link from a deal page names its origin
            form = {"origin": form.get("origin", "")}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_price_request",
                "form": form,
                "errors": errors,
                "origin_options": origins,
            }
        )
        return request.render("prm_portal.portal_price_request_form", values)
