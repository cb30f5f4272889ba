# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Business reviews shared with the partner: list, page, PDF scorecard."""

from odoo import http
from odoo.http import request

from .common import PrmPortalSection

REVIEWS_URL = "/my/reviews"
SCORECARD_REPORT = "prm_partner.action_report_prm_business_review"


class PrmReviewPortal(PrmPortalSection):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_review_count" in counters:
            values["prm_review_count"] = self._prm_own_count("prm.business.review")
        return values

    @http.route(
        [REVIEWS_URL, f"{REVIEWS_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_my_reviews(self, page=1, **kw):
        Review = request.env["prm.business.review"]
        if not Review.has_access("read"):
            return request.redirect("/my")
        partner = request.env.user.commercial_partner_id
        domain = [("partner_id", "=", partner.id)]
        pager = self._prm_pager(REVIEWS_URL, Review.search_count(domain), page)
        reviews = Review.search(
            domain,
            order="date desc, id desc",
            limit=self._prm_items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "reviews": reviews.sudo(),
                "page_name": "prm_review",
                "pager": pager,
                "default_url": REVIEWS_URL,
            }
        )
        return request.render("prm_portal.portal_my_reviews", values)

    @http.route(
        [f"{REVIEWS_URL}/<int:review_id>"], type="http", auth="user", website=True
    )
    def prm_portal_review_page(self, review_id, report_type=None, download=False, **kw):
        review_sudo = self._prm_check_access("prm.business.review", review_id)
        if report_type in ("html", "pdf"):
            return self._prm_report(
                review_sudo, SCORECARD_REPORT, report_type, download
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_review",
                "review": review_sudo,
                "card": review_sudo._prm_scorecard_values(),
            }
        )
        return request.render("prm_portal.portal_review_page", values)
