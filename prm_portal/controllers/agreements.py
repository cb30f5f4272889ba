# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Agreements of the partner: list, page with the PDF, online signature."""

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from .common import PrmPortalSection


class PrmAgreementPortal(PrmPortalSection):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_agreement_count" in counters:
            values["prm_agreement_count"] = self._prm_own_count("prm.agreement")
        return values

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
        pager = self._prm_pager("/my/agreements", Agreement.search_count(domain), page)
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
        agreement_sudo = self._prm_check_access("prm.agreement", agreement_id)
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
