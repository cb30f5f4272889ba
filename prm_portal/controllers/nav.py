# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.http import request

from ..logic import dashboard
from .common import PrmPortalSection
from .leads import LEADS_URL


class PrmNavPortal(PrmPortalSection):
    """The partner portal navigation shown on every partner page."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # called by the template only on the partner pages
        values["prm_portal_nav"] = self._prm_portal_nav
        values["prm_short_name"] = dashboard.short_name
        return values

    def _prm_portal_nav(self):
        """Sections of the partner portal with what waits in them."""
        partner = self._prm_partner()
        if not partner.prm_is_partner:
            return {}
        env = request.env
        active = self._prm_is_partner()
        Lead = env["crm.lead"].sudo()
        lead_count = (
            Lead.search_count(Lead._prm_portal_domain(partner, ["offered"]))
            if active
            else 0
        )
        # suspended and terminated partners cannot sign: nothing waits for them
        to_sign = (
            env["prm.agreement"].search_count(
                [("partner_id", "=", partner.id), ("state", "=", "sent")]
            )
            if active
            else 0
        )
        # funds are for active partners only (their pages answer 404 otherwise)
        funds = partner.prm_stage == "active" and self._prm_fund_access() and active
        to_claim = (
            self._prm_fund_to_claim(partner, fields.Date.context_today(partner))[0]
            if funds
            else 0
        )
        sections = [
            ("prm_dashboard", "/my/partner", env._("Dashboard"), "fa-tachometer", 0),
            ("prm_deal", "/my/deals", env._("Deals"), "fa-handshake-o", 0),
            ("prm_lead", LEADS_URL, env._("Leads"), "fa-filter", lead_count),
            ("prm_library", "/my/library", env._("Library"), "fa-book", 0),
            (
                "prm_news",
                "/my/news",
                env._("News"),
                "fa-newspaper-o",
                self._prm_news_unread_count() if active else 0,
            ),
            (
                "prm_agreement",
                "/my/agreements",
                env._("Agreements"),
                "fa-file-text-o",
                to_sign,
            ),
            ("prm_plan", "/my/plans", env._("Plans"), "fa-bullseye", 0),
            ("prm_review", "/my/reviews", env._("Reviews"), "fa-line-chart", 0),
            ("prm_commission", "/my/commissions", env._("Commissions"), "fa-money", 0),
            ("prm_fund", "/my/funds", env._("Funds"), "fa-bullhorn", to_claim),
            (
                "prm_price_request",
                "/my/price-requests",
                env._("Special Prices"),
                "fa-tags",
                0,
            ),
            (
                "prm_quick_order",
                "/my/order/quick",
                env._("Quick Order"),
                "fa-shopping-cart",
                0,
            ),
            (
                "prm_training",
                "/my/trainings",
                env._("Trainings"),
                "fa-graduation-cap",
                0,
            ),
            ("prm_support", "/my/support/new", env._("Support"), "fa-life-ring", 0),
            ("prm_event", "/my/events", env._("Events"), "fa-calendar", 0),
        ]
        community = env["forum.forum"].search(
            [("prm_partners_only", "=", True)], limit=1
        )
        if community:
            sections.append(
                (
                    "prm_community",
                    community._compute_website_url(),
                    env._("Community"),
                    "fa-comments",
                    0,
                )
            )
        if not active:
            # suspended or terminated: no leads, library nor new deals
            sections = [
                s
                for s in sections
                if s[0]
                not in (
                    "prm_lead",
                    "prm_library",
                    "prm_news",
                    "prm_support",
                    "prm_price_request",
                    "prm_event",
                )
            ]
        if not funds:
            sections = [s for s in sections if s[0] != "prm_fund"]
        return {
            "sections": [
                {"key": key, "url": url, "label": label, "icon": icon, "badge": badge}
                for key, url, label, icon, badge in sections
            ],
            "can_register": active,
        }
