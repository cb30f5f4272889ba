# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Market development funds of the partner: budgets available, requests
(pre-approvals) and claims with their proof of performance."""

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import format_amount, format_date

from ..logic import validation
from ..logic.validation import FieldSpec
from .dashboard import PrmDashboardPortal

FUNDS_URL = "/my/funds"
MAX_AMOUNT = 10**13


class PrmFundPortal(PrmDashboardPortal):
    # ------------------------------------------------------------------
    # Who may use the funds
    # ------------------------------------------------------------------
    def _prm_fund_access(self):
        Request = request.env.get("prm.fund.request")
        return Request is not None and Request.has_access("read")

    def _prm_fund_partner(self):
        """The user's commercial partner when it is an active partner; 404
        otherwise (the pages hide themselves)."""
        partner = self._prm_partner()
        if (
            not self._prm_fund_access()
            or not partner.prm_is_partner
            or partner.prm_stage != "active"
        ):
            raise NotFound()
        return partner

    def _prm_fund_budgets(self, partner, today):
        """Open budgets the partner may draw on (as superuser)."""
        budgets = request.env["prm.fund.budget"].search([("date_to", ">=", today)])
        return budgets.sudo().filtered(lambda b: b._prm_is_eligible(partner))

    def _prm_fund_to_claim(self, partner, today):
        """Approved requests with money left to claim before their deadline
        and no claim under review: (count, earliest deadline)."""
        requests = (
            request.env["prm.fund.request"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("state", "=", "approved"),
                    ("claimable_amount", ">", 0),
                    ("claim_deadline", ">=", today),
                ],
                order="claim_deadline",
            )
            .filtered(lambda r: "submitted" not in r.claim_ids.mapped("state"))
        )
        return len(requests), requests[:1].claim_deadline

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_fund_count" in counters:
            count = 0
            partner = self._prm_partner()
            if self._prm_fund_access() and partner.prm_stage == "active":
                count = self._prm_own_count("prm.fund.request")
                if not count:
                    today = fields.Date.context_today(request.env.user)
                    count = len(self._prm_fund_budgets(partner, today))
            values["prm_fund_count"] = count
        return values

    def _prm_attention_steps(self, offered_leads, agreements, certifications):
        steps = super()._prm_attention_steps(offered_leads, agreements, certifications)
        partner = self._prm_partner()
        if not self._prm_fund_access() or partner.prm_stage != "active":
            return steps
        env = request.env
        count, deadline = self._prm_fund_to_claim(
            partner, fields.Date.context_today(env.user)
        )
        if count:
            steps.append(
                {
                    "level": "warning",
                    "icon": "fa-bullhorn",
                    "url": FUNDS_URL,
                    "text": env._(
                        "%(count)s claims to submit before %(date)s",
                        count=count,
                        date=format_date(env, deadline),
                    )
                    if count > 1
                    else env._(
                        "1 claim to submit before %(date)s",
                        date=format_date(env, deadline),
                    ),
                }
            )
        return steps

    # ------------------------------------------------------------------
    # Overview
    # ------------------------------------------------------------------
    def _prm_fund_rows(self, budgets, partner):
        rows = []
        for budget in budgets:
            allocation = budget.allocation_ids.filtered(
                lambda a, p=partner: a.partner_id == p
            )
            rows.append(
                {
                    "budget": budget,
                    "allocated": allocation.amount if allocation else budget.amount,
                    "used": budget._prm_partner_requested(partner),
                    "remaining": budget._prm_available_for(partner),
                    "activity_types": budget._prm_allowed_activity_types(),
                }
            )
        return rows

    @http.route(
        [FUNDS_URL, f"{FUNDS_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_my_funds(self, page=1, cpage=1, message=None, **kw):
        partner = self._prm_fund_partner()
        env = request.env
        today = fields.Date.context_today(env.user)
        Request = env["prm.fund.request"]
        Claim = env["prm.fund.claim"]
        domain = [("partner_id", "=", partner.id)]
        pager = self._prm_pager(FUNDS_URL, Request.search_count(domain), page)
        requests = Request.search(
            domain, limit=self._prm_items_per_page, offset=pager["offset"]
        )
        claim_total = Claim.search_count(domain)
        claim_pager = self._prm_pager(f"{FUNDS_URL}/claims", claim_total, cpage)
        claims = Claim.search(domain, limit=self._prm_items_per_page)
        count, deadline = self._prm_fund_to_claim(partner, today)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_fund",
                "fund_rows": self._prm_fund_rows(
                    self._prm_fund_budgets(partner, today), partner
                ),
                "fund_requests": requests.sudo(),
                "fund_claims": claims.sudo(),
                "pager": pager,
                "claim_pager": claim_pager if claim_total > len(claims) else None,
                "to_claim": count,
                "to_claim_deadline": deadline,
                "message": message,
            }
        )
        return request.render("prm_portal.portal_my_funds", values)

    @http.route(
        [f"{FUNDS_URL}/claims", f"{FUNDS_URL}/claims/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_my_fund_claims(self, page=1, **kw):
        partner = self._prm_fund_partner()
        Claim = request.env["prm.fund.claim"]
        domain = [("partner_id", "=", partner.id)]
        pager = self._prm_pager(f"{FUNDS_URL}/claims", Claim.search_count(domain), page)
        claims = Claim.search(
            domain, limit=self._prm_items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {"page_name": "prm_fund", "fund_claims": claims.sudo(), "pager": pager}
        )
        return request.render("prm_portal.portal_my_fund_claims", values)

    # ------------------------------------------------------------------
    # Request form
    # ------------------------------------------------------------------
    def _prm_activity_options(self):
        env = request.env
        field = env["prm.fund.request"]._fields["activity_type"]
        return field._description_selection(env)

    def _prm_fund_request_values(self, partner, form, errors, budgets):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_fund",
                "form": form,
                "errors": errors,
                "budget_options": [(b.id, b.name) for b in budgets],
                "activity_options": self._prm_activity_options(),
            }
        )
        return values

    def _prm_validate_fund_request(self, partner, form, budgets):
        env = request.env
        V = validation
        specs = [
            FieldSpec("budget_id", V.SELECTION, required=True, choices=budgets.ids),
            FieldSpec(
                "activity_type",
                V.SELECTION,
                required=True,
                choices=tuple(code for code, _label in self._prm_activity_options()),
            ),
            FieldSpec("description", V.TEXT, required=True, max_length=2000),
            FieldSpec("date_start", V.DATE, required=True),
            FieldSpec("date_end", V.DATE, required=True),
            FieldSpec(
                "requested_amount", V.AMOUNT, required=True, max_value=MAX_AMOUNT
            ),
            FieldSpec("expected_leads", V.INTEGER, max_value=10**6),
            FieldSpec("expected_revenue", V.AMOUNT, max_value=MAX_AMOUNT),
        ]
        cleaned, errors = V.validate(form, specs, separators=self._prm_separators())
        budget = (
            budgets.browse(int(cleaned["budget_id"]))
            if cleaned.get("budget_id")
            else None
        )
        currency = budget.currency_id if budget else None
        messages = self._prm_translate_errors(errors, currency)
        if budget and cleaned.get("activity_type"):
            if cleaned["activity_type"] not in budget._prm_allowed_activity_types():
                messages["activity_type"] = env._(
                    "This fund does not cover this type of activity."
                )
        start, end = cleaned.get("date_start"), cleaned.get("date_end")
        if start and end and end < start:
            messages["date_end"] = env._("The activity cannot end before it starts.")
        amount = cleaned.get("requested_amount")
        if budget and amount is not None:
            available = budget._prm_available_for(partner)
            if amount <= 0:
                messages["requested_amount"] = env._(
                    "Please enter an amount greater than zero."
                )
            elif float(amount) > available:
                messages["requested_amount"] = env._(
                    "Only %(amount)s is available on this fund.",
                    amount=format_amount(env, available, currency),
                )
        vals = {
            "budget_id": budget.id if budget else False,
            "activity_type": cleaned.get("activity_type"),
            "description": cleaned.get("description"),
            "date_start": start,
            "date_end": end,
            "requested_amount": float(amount or 0),
            "expected_leads": int(cleaned.get("expected_leads") or 0),
            "expected_revenue": float(cleaned.get("expected_revenue") or 0),
        }
        return vals, messages

    @http.route(
        [f"{FUNDS_URL}/request/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def prm_portal_fund_request_new(self, **form):
        partner = self._prm_fund_partner()
        today = fields.Date.context_today(request.env.user)
        budgets = self._prm_fund_budgets(partner, today)
        errors = {}
        if request.httprequest.method == "POST":
            vals, errors = self._prm_validate_fund_request(partner, form, budgets)
            if not errors:
                vals["partner_id"] = partner.id
                try:
                    # checks done: the user belongs to an active partner and
                    # the budget is one it may draw on
                    with request.env.cr.savepoint():
                        Request = request.env["prm.fund.request"].sudo()
                        fund_request = Request.create(vals)
                        fund_request._prm_submit()
                        fund_request.env.flush_all()
                except (UserError, ValidationError) as exc:
                    errors = {"budget_id": exc.args[0]}
                else:
                    return request.redirect(
                        f"{FUNDS_URL}/request/{fund_request.id}?message=submitted"
                    )
        elif form.get("budget_id"):
            form = {"budget_id": form["budget_id"]}
        return request.render(
            "prm_portal.portal_fund_request_form",
            self._prm_fund_request_values(partner, form, errors, budgets),
        )

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------
    def _prm_fund_history(self, record_sudo):
        """(date, text) of the record's status changes, oldest first: the
        tracked changes, and the submission and decision also when they
        were not tracked (made in the transaction that created the record)."""
        labels = dict(record_sudo._fields["state"]._description_selection(request.env))
        history = [(record_sudo.create_date, labels.get("draft", labels["submitted"]))]
        for message in record_sudo.message_ids.sorted("id"):
            for tracking in message.tracking_value_ids:
                if tracking.field_id.name == "state":
                    history.append((message.date, tracking.new_value_char))
        seen = {text for _date, text in history}
        if record_sudo.state != "draft" and labels["submitted"] not in seen:
            history.append((record_sudo.create_date, labels["submitted"]))
        if record_sudo.decided_on:
            rejected = record_sudo.state == "rejected"
            decision = labels["rejected" if rejected else "approved"]
            if decision not in seen:
                history.append((record_sudo.decided_on, decision))
        # to the second, as the dates are stored: same second, order of events
        return sorted(history, key=lambda event: event[0].replace(microsecond=0))

    @http.route(
        [f"{FUNDS_URL}/request/<int:request_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_fund_request_page(self, request_id, message=None, **kw):
        partner = self._prm_fund_partner()
        fund_request = self._prm_check_access("prm.fund.request", request_id)
        today = fields.Date.context_today(request.env.user)
        can_claim = (
            fund_request.state == "approved"
            and fund_request.claimable_amount > 0
            and (
                not fund_request.claim_deadline or fund_request.claim_deadline >= today
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_fund",
                "fund_request": fund_request,
                "prm_partner": partner,
                "history": self._prm_fund_history(fund_request),
                "can_claim": can_claim,
                "message": message,
            }
        )
        return request.render("prm_portal.portal_fund_request_page", values)

    @http.route(
        [f"{FUNDS_URL}/claim/<int:claim_id>"], type="http", auth="user", website=True
    )
    def prm_portal_fund_claim_page(self, claim_id, message=None, **kw):
        self._prm_fund_partner()
        claim = self._prm_check_access("prm.fund.claim", claim_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_fund",
                "claim": claim,
                "history": self._prm_fund_history(claim),
                "message": message,
            }
        )
        return request.render("prm_portal.portal_fund_claim_page", values)
