# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deal registrations of the partner: list, registration form, page,
edition while submitted, extension request."""

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.osv import expression
from odoo.tools.misc import formatLang

from ..logic import registration, validation
from ..logic.validation import FieldSpec
from ..models.prm_deal_registration import PORTAL_EDITABLE_FIELDS
from .common import LIVE, PrmPortalSection


class PrmDealPortal(PrmPortalSection):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_deal_count" in counters:
            values["prm_deal_count"] = self._prm_own_count("prm.deal.registration")
        return values

    def _prm_deal_searchbar(self):
        env = request.env
        states = dict(
            env["prm.deal.registration"]._fields["state"]._description_selection(env)
        )
        filters = {
            "all": {"label": env._("All"), "domain": []},
            "live": {"label": env._("Open"), "domain": [("state", "in", LIVE)]},
        }
        for state, label in states.items():
            filters[state] = {"label": label, "domain": [("state", "=", state)]}
        sortings = {
            "date": {"label": env._("Newest"), "order": "create_date desc, id desc"},
            "customer": {"label": env._("Customer"), "order": "customer_name, id"},
            "value": {
                "label": env._("Estimated Value"),
                "order": "expected_revenue desc, id",
            },
            "close": {"label": env._("Expected Close"), "order": "date_close, id"},
            "state": {"label": env._("Status"), "order": "state, id"},
        }
        inputs = {
            "all": {"input": "all", "label": env._("Search in All")},
            "customer": {"input": "customer", "label": env._("Search in Customer")},
            "name": {"input": "name", "label": env._("Search in Reference")},
        }
        return filters, sortings, inputs

    def _prm_deal_search_domain(self, search_in, search):
        if not search:
            return []
        if search_in == "customer":
            return [("customer_name", "ilike", search)]
        if search_in == "name":
            return [("name", "ilike", search)]
        return expression.OR(
            [
                [("customer_name", "ilike", search)],
                [("name", "ilike", search)],
                [("customer_contact_name", "ilike", search)],
            ]
        )

    @http.route(
        ["/my/deals", "/my/deals/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_my_deals(
        self, page=1, sortby=None, filterby=None, search=None, search_in="all", **kw
    ):
        Registration = request.env["prm.deal.registration"]
        if not Registration.has_access("read"):
            return request.redirect("/my")
        partner = request.env.user.commercial_partner_id
        filters, sortings, inputs = self._prm_deal_searchbar()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        search_in = search_in if search_in in inputs else "all"
        domain = expression.AND(
            [
                [("partner_id", "=", partner.id)],
                filters[filterby]["domain"],
                self._prm_deal_search_domain(search_in, search),
            ]
        )
        total = Registration.search_count(domain)
        pager = self._prm_pager(
            "/my/deals",
            total,
            page,
            url_args={
                "sortby": sortby,
                "filterby": filterby,
                "search_in": search_in,
                "search": search,
            },
        )
        deals = Registration.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._prm_items_per_page,
            offset=pager["offset"],
        )
        request.session["my_prm_deals_history"] = deals.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "deals": deals.sudo(),
                "page_name": "prm_deal",
                "pager": pager,
                "default_url": "/my/deals",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_inputs": inputs,
                "search_in": search_in,
                "search": search,
                "can_register": self._prm_is_partner(),
            }
        )
        return request.render("prm_portal.portal_my_deals", values)

    def _prm_deal_specs(self, form):
        env = request.env(su=True)
        countries = env["res.country"].search([]).ids
        states = []
        country_id = form.get("customer_country_id")
        if country_id and str(country_id).isdigit():
            states = (
                env["res.country.state"]
                .search([("country_id", "=", int(country_id))])
                .ids
            )
        industries = env["res.partner.industry"].search([]).ids
        V = validation
        return [
            FieldSpec("customer_name", V.CHAR, required=True, max_length=128),
            FieldSpec("customer_vat", V.CHAR, max_length=32),
            FieldSpec("customer_contact_name", V.CHAR, required=True, max_length=128),
            FieldSpec("customer_email", V.EMAIL, required=True),
            FieldSpec("customer_phone", V.PHONE),
            FieldSpec("customer_country_id", V.SELECTION, choices=tuple(countries)),
            FieldSpec("customer_state_id", V.SELECTION, choices=tuple(states)),
            FieldSpec("customer_zip", V.CHAR, max_length=16),
            FieldSpec("customer_industry_id", V.SELECTION, choices=tuple(industries)),
            FieldSpec("expected_revenue", V.AMOUNT, required=True, max_value=10**13),
            FieldSpec("date_close", V.DATE, required=True, future_only=True),
            FieldSpec("notes", V.TEXT, max_length=2000),
        ]

    def _prm_products(self):
        return (
            request.env["product.template"]
            .sudo()
            .search(
                [("sale_ok", "=", True), ("prm_partner_sellable", "=", True)],
                order="name",
                limit=500,
            )
        )

    def _prm_deal_currency(self, deal=None):
        """Currency of the estimated value: the registration's, or that of
        the company it will be registered in."""
        if deal:
            return deal.currency_id
        return (self._prm_partner().company_id or request.env.company).currency_id

    def _prm_validate_deal_form(self, form, deal=None):
        """Cleaned ORM values and translated errors of a posted deal form
        (of ``deal`` when it edits one)."""
        today = fields.Date.context_today(request.env.user)
        cleaned, errors = validation.validate(
            form,
            self._prm_deal_specs(form),
            today,
            separators=self._prm_separators(),
        )
        messages = self._prm_translate_errors(errors, self._prm_deal_currency(deal))
        product_ids = request.httprequest.form.getlist("product_ids")
        allowed = set(self._prm_products().ids)
        products = []
        for value in product_ids:
            if not value.isdigit() or int(value) not in allowed:
                messages["product_ids"] = request.env._(
                    "Please choose one of the proposed values."
                )
                break
            products.append(int(value))
        vals = dict(cleaned)
        for name in (
            "customer_country_id",
            "customer_state_id",
            "customer_industry_id",
        ):
            if name in vals:
                vals[name] = int(vals[name]) if vals[name] else False
        vals["product_ids"] = [fields.Command.set(products)]
        return vals, messages

    def _prm_deal_form_values(self, form, errors, deal=None):
        env = request.env(su=True)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_deal_form",
                "deal": deal,
                "form": form,
                "errors": errors,
                "countries": env["res.country"].search([]),
                "country_states": env["res.country.state"].search([]),
                "industries": env["res.partner.industry"].search([]),
                "products": self._prm_products(),
                "deal_currency": self._prm_deal_currency(deal),
                "amount_placeholder": formatLang(request.env, 150_000_000, digits=0),
                "selected_products": {
                    int(v)
                    for v in request.httprequest.form.getlist("product_ids")
                    if v.isdigit()
                }
                if form
                else set(deal.product_ids.ids if deal else []),
            }
        )
        return values

    @http.route(
        ["/my/deals/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def prm_portal_deal_new(self, **form):
        partner = self._prm_require_partner()
        if request.httprequest.method == "POST":
            vals, errors = self._prm_validate_deal_form(form)
            if not errors:
                vals.update(
                    {
                        "partner_id": partner.id,
                        "submitted_by_id": request.env.user.partner_id.id,
                        "company_id": (partner.company_id or request.env.company).id,
                    }
                )
                # explicit check done: the user belongs to an active partner
                deal = request.env["prm.deal.registration"].sudo().create(vals)
                deal.env.flush_all()
                return request.redirect(f"/my/deals/{deal.id}?message=submitted")
        else:
            # the end customer is most often in the partner's country
            country = partner.country_id
            form = {"customer_country_id": str(country.id)} if country else {}
            errors = {}
        return request.render(
            "prm_portal.portal_deal_form", self._prm_deal_form_values(form, errors)
        )

    @http.route(["/my/deals/country_states"], type="json", auth="user", website=True)
    def prm_portal_country_states(self, country_id=None, **kw):
        if not isinstance(country_id, int):
            return []
        states = (
            request.env["res.country.state"]
            .sudo()
            .search([("country_id", "=", country_id)])
        )
        return [(state.id, state.name) for state in states]

    def _prm_deal_check(self, deal_id):
        return self._prm_check_access("prm.deal.registration", deal_id)

    def _prm_deal_page_values(self, deal_sudo, **extra):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_deal",
                "deal": deal_sudo,
                "can_edit": deal_sudo.state in registration.EDITABLE_STATES
                and self._prm_is_partner(),
                "can_extend": deal_sudo.state == "approved"
                and not deal_sudo.extension_state
                and self._prm_is_partner(),
                **extra,
            }
        )
        return self._get_page_view_values(
            deal_sudo, None, values, "my_prm_deals_history", False
        )

    @http.route(["/my/deals/<int:deal_id>"], type="http", auth="user", website=True)
    def prm_portal_deal_page(self, deal_id, message=None, **kw):
        deal_sudo = self._prm_deal_check(deal_id)
        return request.render(
            "prm_portal.portal_deal_page",
            self._prm_deal_page_values(deal_sudo, message=message),
        )

    @http.route(
        ["/my/deals/<int:deal_id>/edit"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def prm_portal_deal_edit(self, deal_id, **form):
        deal_sudo = self._prm_deal_check(deal_id)
        if not self._prm_is_partner():
            return request.redirect(f"/my/deals/{deal_id}?message=inactive")
        if deal_sudo.state not in registration.EDITABLE_STATES:
            return request.redirect(f"/my/deals/{deal_id}?message=locked")
        if request.httprequest.method == "POST":
            vals, errors = self._prm_validate_deal_form(form, deal=deal_sudo)
            if not errors:
                deal_sudo.write(vals)
                deal_sudo.env.flush_all()
                return request.redirect(f"/my/deals/{deal_id}?message=updated")
        else:
            errors = {}
            form = {
                name: deal_sudo[name].id
                if hasattr(deal_sudo[name], "id")
                else (deal_sudo[name] or "")
                for name in PORTAL_EDITABLE_FIELDS
                if name != "product_ids"
            }
            form = {k: ("" if v is False else str(v)) for k, v in form.items()}
            form["expected_revenue"] = self._prm_amount_input(
                deal_sudo.expected_revenue, deal_sudo.currency_id
            )
            form["_loaded"] = "1"
        values = self._prm_deal_form_values(form, errors, deal=deal_sudo)
        if form.get("_loaded"):
            values["selected_products"] = set(deal_sudo.product_ids.ids)
        return request.render("prm_portal.portal_deal_form", values)

    @http.route(
        ["/my/deals/<int:deal_id>/extend"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_deal_extend(self, deal_id, reason=None, **kw):
        deal_sudo = self._prm_deal_check(deal_id)
        if not self._prm_is_partner():
            return request.redirect(f"/my/deals/{deal_id}?message=inactive")
        reason = (reason or "").strip()[:1000]
        try:
            deal_sudo._prm_request_extension(reason)
            deal_sudo.env.flush_all()
        except UserError as exc:
            return request.render(
                "prm_portal.portal_deal_page",
                self._prm_deal_page_values(deal_sudo, error_message=exc.args[0]),
            )
        return request.redirect(f"/my/deals/{deal_id}?message=extension")
