# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.osv import expression
from odoo.tools.misc import formatLang, get_lang

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..logic import registration, validation
from ..logic.validation import FieldSpec

LIVE = list(registration.LIVE_STATES)


def translate_error(env, error):
    """Translated message of a :class:`~..logic.validation.FieldError`."""
    params = error.params
    messages = {
        "required": lambda: env._("This field is required."),
        "too_long": lambda: env._(
            "Please enter at most %(max)s characters.", max=params.get("max")
        ),
        "email": lambda: env._("Please enter a valid e-mail address."),
        "phone": lambda: env._("Please enter a valid phone number."),
        "number": lambda: env._("Please enter a number."),
        "integer": lambda: env._("Please enter a whole number."),
        "negative": lambda: env._("Please enter an amount of zero or more."),
        "too_large": lambda: env._(
            "Please enter an amount of at most %(max)s.", max=params.get("max")
        ),
        "date": lambda: env._("Please enter a date as YYYY-MM-DD or DD/MM/YYYY."),
        "past": lambda: env._("The date cannot be in the past."),
        "choice": lambda: env._("Please choose one of the proposed values."),
        "url": lambda: env._(
            "Please enter a web address starting with http:// or https://."
        ),
        "control": lambda: env._(
            "This field contains characters that are not allowed."
        ),
    }
    message = messages.get(error.code)
    return message() if message else str(error)


class PrmCustomerPortal(CustomerPortal):
    _prm_items_per_page = 20

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _prm_partner(self):
        """Commercial partner of the current user (superuser record: only
        used after the caller restricted everything to it)."""
        return request.env.user.sudo().commercial_partner_id

    def _prm_is_partner(self):
        partner = self._prm_partner()
        return registration.is_portal_partner(partner.prm_is_partner, partner.prm_stage)

    def _prm_require_partner(self):
        if not self._prm_is_partner():
            raise Forbidden()
        return self._prm_partner()

    def _prm_separators(self):
        """(thousands separator, decimal point) of the user's language, to
        read the amounts typed in the forms."""
        lang = get_lang(request.env)
        return lang.thousands_sep, lang.decimal_point

    def _prm_amount_input(self, amount, currency):
        """``amount`` as the user's language writes it, for a form input
        (read back by :meth:`_prm_separators`); never in exponent notation."""
        if not amount:
            return ""
        digits = currency.decimal_places if currency else 2
        return formatLang(request.env, amount, digits=digits)

    def _prm_translate_errors(self, errors):
        return {
            name: translate_error(request.env, error) for name, error in errors.items()
        }

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.commercial_partner_id
        env = request.env
        if "prm_deal_count" in counters:
            model = env["prm.deal.registration"]
            values["prm_deal_count"] = (
                model.search_count([("partner_id", "=", partner.id)])
                if model.has_access("read")
                else 0
            )
        if "prm_lead_count" in counters:
            values["prm_lead_count"] = (
                env["crm.lead"]
                .sudo()
                .search_count(self._prm_lead_domain(self._prm_partner()))
                if self._prm_is_partner()
                else 0
            )
        if "prm_document_count" in counters:
            model = env["prm.document"]
            values["prm_document_count"] = (
                model.search_count([])
                if self._prm_is_partner() and model.has_access("read")
                else 0
            )
        if "prm_agreement_count" in counters:
            model = env["prm.agreement"]
            values["prm_agreement_count"] = (
                model.search_count([("partner_id", "=", partner.id)])
                if model.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Deal registrations
    # ------------------------------------------------------------------

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
        pager = portal_pager(
            url="/my/deals",
            url_args={
                "sortby": sortby,
                "filterby": filterby,
                "search_in": search_in,
                "search": search,
            },
            total=total,
            page=page,
            step=self._prm_items_per_page,
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

    def _prm_validate_deal_form(self, form):
        """Cleaned ORM values and translated errors of a posted deal form."""
        today = fields.Date.context_today(request.env.user)
        cleaned, errors = validation.validate(
            form,
            self._prm_deal_specs(form),
            today,
            separators=self._prm_separators(),
        )
        messages = self._prm_translate_errors(errors)
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
                "deal_currency": deal.currency_id
                if deal
                else (
                    self._prm_partner().company_id or request.env.company
                ).currency_id,
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
        try:
            return self._document_check_access("prm.deal.registration", deal_id)
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc

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
            vals, errors = self._prm_validate_deal_form(form)
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
                for name in (
                    "customer_name",
                    "customer_vat",
                    "customer_contact_name",
                    "customer_email",
                    "customer_phone",
                    "customer_country_id",
                    "customer_state_id",
                    "customer_zip",
                    "customer_industry_id",
                    "expected_revenue",
                    "date_close",
                    "notes",
                )
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

    # ------------------------------------------------------------------
    # Routed leads
    # ------------------------------------------------------------------

    def _prm_lead_domain(self, partner):
        return [
            ("prm_partner_id", "=", partner.id),
            ("prm_acceptance", "in", ("offered", "accepted")),
        ]

    def _prm_lead_check(self, lead_id):
        """The routed lead, as superuser, after checking it is routed to the
        user's partner; 404 otherwise."""
        partner = self._prm_require_partner()
        lead = request.env["crm.lead"].sudo().browse(lead_id).exists()
        if (
            not lead
            or lead.prm_partner_id != partner
            or lead.prm_acceptance not in ("offered", "accepted")
        ):
            raise NotFound()
        return lead

    @http.route(
        ["/my/leads", "/my/leads/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def my_prm_leads(self, page=1, filterby=None, **kw):
        # website_crm_partner_assign serves the same URL from its method
        # portal_my_leads; routes are added in the alphabetical order of the
        # method names and the first one added answers, so this one wins.
        if not self._prm_is_partner():
            return request.redirect("/my")
        partner = self._prm_partner()
        env = request.env
        filters = {
            "all": {"label": env._("All"), "domain": []},
            "offered": {
                "label": env._("To Answer"),
                "domain": [("prm_acceptance", "=", "offered")],
            },
            "accepted": {
                "label": env._("My Opportunities"),
                "domain": [("prm_acceptance", "=", "accepted")],
            },
        }
        filterby = filterby if filterby in filters else "all"
        domain = expression.AND(
            [self._prm_lead_domain(partner), filters[filterby]["domain"]]
        )
        Lead = env["crm.lead"].sudo().with_context(active_test=False)
        total = Lead.search_count(domain)
        pager = portal_pager(
            url="/my/leads",
            url_args={"filterby": filterby},
            total=total,
            page=page,
            step=self._prm_items_per_page,
        )
        leads = Lead.search(
            domain,
            order="prm_acceptance desc, create_date desc",
            limit=self._prm_items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "leads": leads,
                "page_name": "prm_lead",
                "pager": pager,
                "default_url": "/my/leads",
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("prm_portal.portal_my_leads", values)

    def _prm_lead_stages(self, lead):
        """Stages a partner may move its opportunity to: the open stages
        shared by all teams or of the lead's own team."""
        return (
            request.env["crm.stage"]
            .sudo()
            .search(
                [
                    ("is_won", "=", False),
                    "|",
                    ("team_id", "=", False),
                    ("team_id", "=", lead.team_id.id),
                ]
            )
        )

    def _prm_lead_page_values(self, lead, message=None, errors=None, form=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_lead",
                "lead": lead,
                "revenue_input": self._prm_amount_input(
                    lead.expected_revenue, lead.company_currency
                ),
                "stages": self._prm_lead_stages(lead),
                "lost_reasons": request.env["crm.lost.reason"].sudo().search([]),
                "message": message,
                "errors": errors or {},
                "form": form or {},
            }
        )
        return values

    @http.route(["/my/leads/<int:lead_id>"], type="http", auth="user", website=True)
    def prm_portal_lead_page(self, lead_id, message=None, error=None, **kw):
        lead = self._prm_lead_check(lead_id)
        return request.render(
            "prm_portal.portal_lead_page",
            self._prm_lead_page_values(lead, message=message),
        )

    @http.route(
        ["/my/leads/<int:lead_id>/accept"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_lead_accept(self, lead_id, **kw):
        lead = self._prm_lead_check(lead_id)
        lead._prm_accept(self._prm_partner())
        # recompute (e.g. lead properties of the new team) as superuser
        lead.env.flush_all()
        return request.redirect(f"/my/leads/{lead_id}?message=accepted")

    @http.route(
        ["/my/leads/<int:lead_id>/decline"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_lead_decline(self, lead_id, reason=None, **kw):
        lead = self._prm_lead_check(lead_id)
        reason = (reason or "").strip()
        if not reason or len(reason) > 1000:
            return request.redirect(f"/my/leads/{lead_id}?message=reason_required")
        lead._prm_decline(self._prm_partner(), reason)
        lead.env.flush_all()
        return request.redirect("/my/leads?message=declined")

    @http.route(
        ["/my/leads/<int:lead_id>/update"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_lead_update(self, lead_id, **form):
        lead = self._prm_lead_check(lead_id)
        if lead.prm_acceptance != "accepted" or lead._prm_portal_is_closed():
            return request.redirect(f"/my/leads/{lead_id}")
        V = validation
        specs = [
            FieldSpec(
                "stage_id", V.SELECTION, choices=tuple(self._prm_lead_stages(lead).ids)
            ),
            FieldSpec("expected_revenue", V.AMOUNT, max_value=10**13),
            FieldSpec("date_deadline", V.DATE),
            FieldSpec("prm_partner_notes", V.TEXT, max_length=5000),
        ]
        today = fields.Date.context_today(request.env.user)
        cleaned, errors = V.validate(
            form, specs, today, separators=self._prm_separators()
        )
        action = form.get("action")
        errors = self._prm_translate_errors(errors)
        if not errors:
            vals = {k: v for k, v in cleaned.items() if v is not None}
            if "stage_id" in vals:
                vals["stage_id"] = int(vals["stage_id"])
            reason_id = form.get("lost_reason_id")
            reason = (
                request.env["crm.lost.reason"]
                .sudo()
                .browse(int(reason_id) if reason_id and reason_id.isdigit() else 0)
                .exists()
            )
            try:
                lead._prm_portal_update(
                    vals,
                    action=action if action in ("won", "lost") else None,
                    lost_reason=reason,
                )
            except UserError as exc:
                errors = {"stage_id": exc.args[0]}
        if errors:
            return request.render(
                "prm_portal.portal_lead_page",
                self._prm_lead_page_values(lead, errors=errors, form=form),
            )
        lead.env.flush_all()
        return request.redirect(f"/my/leads/{lead_id}?message=updated")

    # ------------------------------------------------------------------
    # Agreements
    # ------------------------------------------------------------------

    @http.route(
        ["/my/agreements", "/my/agreements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_my_agreements(self, page=1, **kw):
        Agreement = request.env["prm.agreement"]
        if not Agreement.has_access("read"):
            return request.redirect("/my")
        partner = request.env.user.commercial_partner_id
        domain = [("partner_id", "=", partner.id)]
        pager = portal_pager(
            url="/my/agreements",
            total=Agreement.search_count(domain),
            page=page,
            step=self._prm_items_per_page,
        )
        agreements = Agreement.search(
            domain,
            order="date_start desc, id desc",
            limit=self._prm_items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "agreements": agreements.sudo(),
                "page_name": "prm_agreement",
                "pager": pager,
                "default_url": "/my/agreements",
            }
        )
        return request.render("prm_portal.portal_my_agreements", values)

    @http.route(
        ["/my/agreements/<int:agreement_id>"], type="http", auth="user", website=True
    )
    def prm_portal_agreement_page(
        self, agreement_id, report_type=None, download=False, message=None, **kw
    ):
        try:
            agreement_sudo = self._document_check_access("prm.agreement", agreement_id)
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=agreement_sudo,
                report_type=report_type,
                report_ref="prm_partner.action_report_prm_agreement",
                download=download,
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_agreement",
                "agreement": agreement_sudo,
                "message": message,
                "can_sign": agreement_sudo._prm_portal_can_sign(request.env.user),
            }
        )
        return request.render("prm_portal.portal_agreement_page", values)

    @http.route(
        ["/my/agreements/<int:agreement_id>/sign"],
        type="json",
        auth="user",
        website=True,
    )
    def prm_portal_agreement_sign(self, agreement_id, name=None, signature=None):
        try:
            agreement_sudo = self._document_check_access("prm.agreement", agreement_id)
        except (AccessError, MissingError):
            return {"error": request.env._("Invalid agreement.")}
        if not agreement_sudo._prm_portal_waits_for_signature():
            return {"error": request.env._("This agreement cannot be signed any more.")}
        if not agreement_sudo._prm_portal_can_sign(request.env.user):
            return {
                "error": request.env._(
                    "Only the contacts of an onboarding or active partner can sign "
                    "its agreements."
                )
            }
        if not signature:
            return {"error": request.env._("Signature is missing.")}
        try:
            agreement_sudo._prm_sign(
                name,
                signature,
                user=request.env.user,
                ip=request.httprequest.remote_addr,
            )
            agreement_sudo.env.flush_all()
        except UserError as exc:
            return {"error": exc.args[0]}
        return {
            "force_refresh": True,
            "redirect_url": f"/my/agreements/{agreement_id}?message=signed",
        }
