# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Leads routed to the partner: answer them (accept, decline with a reason)
and update the accepted opportunities."""

import re

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.osv import expression

from ..logic import validation
from ..logic.validation import FieldSpec
from .common import PrmPortalSection

#: The routed leads of the partner. Odoo's website_crm_partner_assign serves
#: /my/leads (the leads it assigns itself): ours have their own address, and
#: the /my/leads addresses they had before lead here when nothing else
#: answers them (see :func:`channel_leads_path`).
LEADS_URL = "/my/channel-leads"
_OLD_LEADS_PATH = re.compile(
    r"/my/leads((?:/page/\d+|/\d+(?:/(?:accept|decline|update))?)?)/?"
)


def channel_leads_path(path):
    """The address of our routed leads for ``path``, one of the /my/leads
    addresses they had before (list, page, lead and its answers), or
    ``None``."""
    match = _OLD_LEADS_PATH.fullmatch(path or "")
    return f"{LEADS_URL}{match[1]}" if match else None


class PrmLeadPortal(PrmPortalSection):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_lead_count" in counters:
            Lead = request.env["crm.lead"].sudo()
            values["prm_lead_count"] = (
                Lead.search_count(Lead._prm_portal_domain(self._prm_partner()))
                if self._prm_is_partner()
                else 0
            )
        return values

    def _prm_lead_check(self, lead_id):
        """The routed lead, as superuser, after checking it is routed to the
        user's partner; 404 otherwise."""
        partner = self._prm_require_partner()
        lead = request.env["crm.lead"].sudo().browse(lead_id).exists()
        if not lead.filtered_domain(lead._prm_portal_domain(partner)):
            raise NotFound()
        return lead

    @http.route(
        [LEADS_URL, f"{LEADS_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_my_leads(self, page=1, filterby=None, **kw):
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
        Lead = env["crm.lead"].sudo().with_context(active_test=False)
        domain = expression.AND(
            [Lead._prm_portal_domain(partner), filters[filterby]["domain"]]
        )
        total = Lead.search_count(domain)
        pager = self._prm_pager(LEADS_URL, total, page, url_args={"filterby": filterby})
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
                "default_url": LEADS_URL,
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

    @http.route([f"{LEADS_URL}/<int:lead_id>"], type="http", auth="user", website=True)
    def prm_portal_lead_page(self, lead_id, message=None, error=None, **kw):
        lead = self._prm_lead_check(lead_id)
        return request.render(
            "prm_portal.portal_lead_page",
            self._prm_lead_page_values(lead, message=message),
        )

    @http.route(
        [f"{LEADS_URL}/<int:lead_id>/accept"],
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
        return request.redirect(f"{LEADS_URL}/{lead_id}?message=accepted")

    @http.route(
        [f"{LEADS_URL}/<int:lead_id>/decline"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_lead_decline(self, lead_id, reason=None, **kw):
        lead = self._prm_lead_check(lead_id)
        reason = (reason or "").strip()
        if not reason or len(reason) > 1000:
            return request.redirect(f"{LEADS_URL}/{lead_id}?message=reason_required")
        lead._prm_decline(self._prm_partner(), reason)
        lead.env.flush_all()
        return request.redirect(f"{LEADS_URL}?message=declined")

    @http.route(
        [f"{LEADS_URL}/<int:lead_id>/update"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_lead_update(self, lead_id, **form):
        lead = self._prm_lead_check(lead_id)
        if lead.prm_acceptance != "accepted" or lead._prm_portal_is_closed():
            return request.redirect(f"{LEADS_URL}/{lead_id}")
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
        errors = self._prm_translate_errors(errors, lead.company_currency)
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
        return request.redirect(f"{LEADS_URL}/{lead_id}?message=updated")
