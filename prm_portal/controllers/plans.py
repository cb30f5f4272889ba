# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Business plans of the partner: list, page with KPIs and actions, accept."""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from .common import PrmPortalSection

PLANS_URL = "/my/plans"


class PrmPlanPortal(PrmPortalSection):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_plan_count" in counters:
            values["prm_plan_count"] = self._prm_own_count("prm.business.plan")
        return values

    @http.route(
        [PLANS_URL, f"{PLANS_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_my_plans(self, page=1, **kw):
        Plan = request.env["prm.business.plan"]
        if not Plan.has_access("read"):
            return request.redirect("/my")
        partner = request.env.user.commercial_partner_id
        domain = [("partner_id", "=", partner.id)]
        pager = self._prm_pager(PLANS_URL, Plan.search_count(domain), page)
        plans = Plan.search(
            domain,
            order="date_from desc, id desc",
            limit=self._prm_items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "plans": plans.sudo(),
                "page_name": "prm_plan",
                "pager": pager,
                "default_url": PLANS_URL,
            }
        )
        return request.render("prm_portal.portal_my_plans", values)

    def _prm_plan_values(self, plan_sudo, message=None, error=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_plan",
                "plan": plan_sudo,
                "message": message,
                "error_message": error,
                "can_accept": self._prm_is_partner()
                and plan_sudo._prm_partner_can_accept(request.env.user),
            }
        )
        return values

    @http.route([f"{PLANS_URL}/<int:plan_id>"], type="http", auth="user", website=True)
    def prm_portal_plan_page(self, plan_id, message=None, **kw):
        plan_sudo = self._prm_check_access("prm.business.plan", plan_id)
        return request.render(
            "prm_portal.portal_plan_page", self._prm_plan_values(plan_sudo, message)
        )

    @http.route(
        [f"{PLANS_URL}/<int:plan_id>/accept"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_plan_accept(self, plan_id, **kw):
        plan_sudo = self._prm_check_access("prm.business.plan", plan_id)
        try:
            if not self._prm_is_partner():
                raise UserError(
                    request.env._(
                        "Only the contacts of an onboarding or active partner can "
                        "accept its business plans."
                    )
                )
            plan_sudo._prm_partner_accept(request.env.user)
            plan_sudo.env.flush_all()
        except UserError as exc:
            return request.render(
                "prm_portal.portal_plan_page",
                self._prm_plan_values(plan_sudo, error=exc.args[0]),
            )
        return request.redirect(f"{PLANS_URL}/{plan_id}?message=accepted")
