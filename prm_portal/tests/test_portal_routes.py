# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The portal sections are separate controller classes that Odoo merges
into one: every route keeps its address, type, authentication and methods,
and every section's /my counter is computed in the one merged call."""

from odoo.tests import HttpCase, tagged

from .common import PrmPortalCommon

ANY = ()
#: address -> (type, auth, methods), as the partner portal serves them
ROUTES = {
    "/my/agreements": ("http", "user", ANY),
    "/my/agreements/page/<int:page>": ("http", "user", ANY),
    "/my/agreements/<int:agreement_id>": ("http", "user", ANY),
    "/my/agreements/<int:agreement_id>/sign": ("json", "user", ANY),
    "/my/certificates/<int:certification_id>": ("http", "user", ANY),
    "/my/channel-leads": ("http", "user", ANY),
    "/my/channel-leads/page/<int:page>": ("http", "user", ANY),
    "/my/channel-leads/<int:lead_id>": ("http", "user", ANY),
    "/my/channel-leads/<int:lead_id>/accept": ("http", "user", ("POST",)),
    "/my/channel-leads/<int:lead_id>/decline": ("http", "user", ("POST",)),
    "/my/channel-leads/<int:lead_id>/update": ("http", "user", ("POST",)),
    "/my/commissions": ("http", "user", ANY),
    "/my/commissions/settlement/<int:settlement_id>": ("http", "user", ANY),
    "/my/deals": ("http", "user", ANY),
    "/my/deals/page/<int:page>": ("http", "user", ANY),
    "/my/deals/new": ("http", "user", ("GET", "POST")),
    "/my/deals/country_states": ("json", "user", ANY),
    "/my/deals/<int:deal_id>": ("http", "user", ANY),
    "/my/deals/<int:deal_id>/edit": ("http", "user", ("GET", "POST")),
    "/my/deals/<int:deal_id>/extend": ("http", "user", ("POST",)),
    "/my/funds": ("http", "user", ANY),
    "/my/funds/page/<int:page>": ("http", "user", ANY),
    "/my/funds/claims": ("http", "user", ANY),
    "/my/funds/claims/page/<int:page>": ("http", "user", ANY),
    "/my/funds/request/new": ("http", "user", ("GET", "POST")),
    "/my/funds/request/<int:request_id>": ("http", "user", ANY),
    "/my/funds/request/<int:request_id>/claim": ("http", "user", ("GET", "POST")),
    "/my/funds/claim/<int:claim_id>": ("http", "user", ANY),
    "/my/funds/claim/<int:claim_id>/proof/<int:attachment_id>": ("http", "user", ANY),
    "/my/library": ("http", "user", ANY),
    "/my/news": ("http", "user", ANY),
    "/my/news/page/<int:page>": ("http", "user", ANY),
    "/my/news/<int:announcement_id>": ("http", "user", ANY),
    "/my/news/<int:announcement_id>/acknowledge": ("http", "user", ("POST",)),
    "/my/news/digest": ("http", "user", ("POST",)),
    "/my/order/quick": ("http", "user", ("GET", "POST")),
    "/my/price-requests": ("http", "user", ANY),
    "/my/price-requests/page/<int:page>": ("http", "user", ANY),
    "/my/price-requests/new": ("http", "user", ("GET", "POST")),
    "/my/price-requests/<int:request_id>": ("http", "user", ANY),
    "/my/library/<int:document_id>/download": ("http", "user", ANY),
    "/my/partner": ("http", "user", ANY),
    "/my/plans": ("http", "user", ANY),
    "/my/plans/page/<int:page>": ("http", "user", ANY),
    "/my/plans/<int:plan_id>": ("http", "user", ANY),
    "/my/plans/<int:plan_id>/accept": ("http", "user", ("POST",)),
    "/my/reviews": ("http", "user", ANY),
    "/my/reviews/page/<int:page>": ("http", "user", ANY),
    "/my/reviews/<int:review_id>": ("http", "user", ANY),
    "/my/trainings": ("http", "user", ANY),
    "/my/trainings/<int:program_id>/enroll": ("http", "user", ("POST",)),
    "/my/events": ("http", "user", ANY),
    "/my/events/<int:event_id>/register": ("http", "user", ("POST",)),
    "/my/support/new": ("http", "user", ("GET", "POST")),
    "/my/support/articles": ("json", "user", ("POST",)),
    "/my/support/returns": ("http", "user", ANY),
    "/my/support/return/<int:order_id>": ("http", "user", ("GET", "POST")),
    # helpdesk_mgmt's, for channel partners
    "/new/ticket": ("http", "user", ANY),
    "/submitted/ticket": ("http", "user", ANY),
    "/ticket/close": ("http", "user", ANY),
    "/partners/apply": ("http", "public", ("GET", "POST")),
}

COUNTERS = (
    "prm_deal_count",
    "prm_lead_count",
    "prm_document_count",
    "prm_agreement_count",
    "prm_commission_count",
    "prm_training_count",
    "prm_price_request_count",
    "prm_event_count",
)


@tagged("post_install", "-at_install")
class TestPortalRoutes(PrmPortalCommon, HttpCase):
    def test_routes_of_the_sections(self):
        IrHttp = self.env["ir.http"]
        # the rules of the routing map, as Odoo builds it for the database
        rules = IrHttp._generate_routing_rules(
            sorted(self.env.registry._init_modules),
            converters=IrHttp._get_converters(),
        )
        served = {}
        for url, endpoint in rules:
            if not endpoint.original_endpoint.__module__.startswith(
                "odoo.addons.prm_portal."
            ):
                continue
            routing = endpoint.routing
            self.assertNotIn(url, served, "served twice")
            served[url] = (
                routing["type"],
                routing["auth"],
                tuple(routing.get("methods") or ANY),
            )
            # every form posts with its CSRF token, every page is a website page
            self.assertTrue(routing.get("csrf", True), url)
            self.assertTrue(routing.get("website"), url)
        self.assertEqual(served, ROUTES)

    def test_every_section_counts_in_one_call(self):
        self._registration()
        lead = (
            self.env["crm.lead"]
            .with_context(prm_no_auto_route=True)
            .create({"name": "Counted lead", "partner_name": "Counted Co"})
        )
        lead._prm_assign_partner(self.partner_a, "test")
        self.authenticate("prm_portal_a", "prm_portal_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": list(COUNTERS)}
        )
        self.assertEqual(set(COUNTERS) - set(counters), set())
        self.assertTrue(all(isinstance(counters[name], int) for name in COUNTERS))
        self.assertEqual(counters["prm_deal_count"], 1)
        self.assertEqual(counters["prm_lead_count"], 1)
