# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner support over HTTP as portal users: tickets shared by the contacts
of a partner and by nobody else, the ticket form with its article
suggestions, return requests, bad input on both forms, the dashboard."""

import json

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import PageAssertions
from .test_support_tickets import SupportCommon

PNG = b"\x89PNG\r\n\x1a\n photo"


@tagged("post_install", "-at_install")
class TestPortalSupport(PageAssertions, SupportCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["prm.document.category"].create({"name": "Support docs"})
        cls.guide = cls.env["prm.document"].create(
            {
                "name": "Router reset guide",
                "description": "How to reset the VN-500 router to factory settings",
                "category_id": category.id,
                "kind": "url",
                "url": "https://docs.example/reset",
            }
        )
        cls.env["prm.document"].create(
            {
                "name": "Price list 2026",
                "category_id": category.id,
                "kind": "url",
                "url": "https://docs.example/prices",
            }
        )
        cls.colleague = cls._prm_portal_user(
            cls.partner_a, login="prm_portal_a2", name="Hoa A"
        )

    def _post(self, url, files=None, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, files=files)

    def _tickets(self, partner):
        return self.env["helpdesk.ticket"].search(
            [("commercial_partner_id", "=", partner.id)]
        )

    def test_tickets_shared_by_the_contacts_of_one_partner(self):
        ticket = self._ticket(self.contact_a, name="Router A breaks")
        ticket.message_subscribe(partner_ids=self.contact_b.ids)
        self.authenticate("prm_portal_a2", "prm_portal_a2")
        self.assertIn("Router A breaks", self.url_open("/my/tickets").text)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_prm_ticket_sla", page.text)
        self.authenticate("prm_portal_b", "prm_portal_b")
        self.assertNotIn("Router A breaks", self.url_open("/my/tickets").text)
        self.assertNotIn(
            "Router A breaks", self.url_open(f"/my/ticket/{ticket.id}").text
        )

    def test_ticket_form_suggests_articles_then_creates(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/support/new")
        self.assertIn("within 4 hours", page.text)
        data = {
            "category": "technical",
            "subject": "Router will not reset",
            "description": "The VN-500 router hangs when I try to reset it.",
        }
        step = self._post("/my/support/new", **data)
        self.assertIn("o_prm_support_suggestions", step.text)
        self.assertIn("Router reset guide", step.text)
        self.assertNotIn("Price list 2026", step.text)
        self.assertFalse(self._tickets(self.partner_a))
        # the second step posts what the page holds, with a photo
        values = self._form_values(step.text, "/my/support/new")
        self.assertEqual(values["confirm"], "1")
        done = self._post(
            "/my/support/new",
            files={"attachment": ("photo.png", PNG, "image/png")},
            **values,
        )
        ticket = self._tickets(self.partner_a)
        self.assertEqual(len(ticket), 1)
        self.assertTrue(done.url.endswith(f"/my/ticket/{ticket.id}"))
        self.assertEqual(ticket.partner_id, self.contact_a)
        self.assertEqual(
            ticket.category_id,
            self.env.ref("prm_portal.helpdesk_ticket_category_technical"),
        )
        self.assertEqual(ticket.team_id, self.team_gold)
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["photo.png"])

    def test_articles_json_route(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(
            "/my/support/articles",
            data=json.dumps({"params": {"query": "reset router"}}),
            headers={"Content-Type": "application/json"},
        )
        names = [a["name"] for a in response.json()["result"]]
        self.assertEqual(names, ["Router reset guide"])

    def test_ticket_form_round_trip_and_bad_input(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        form = self._form_values(
            self.url_open("/my/support/new").text, "/my/support/new"
        )
        unchanged = self._post("/my/support/new", **form)
        self.assertEqual(unchanged.status_code, 200)
        self.assertIn("This field is required.", unchanged.text)
        order_b = self._delivered_order(self.partner_b)
        good = {
            "category": "question",
            "subject": "Question",
            "description": "What is the warranty?",
            "confirm": "1",
        }
        for bad, files in (
            ({"description": "x" * 30_000}, None),
            ({"subject": "s" * 500}, None),
            ({"category": "return"}, None),
            ({"order": str(order_b.id)}, None),
            ({"product": "999999999"}, None),
            ({}, {"attachment": ("virus.exe", b"MZ\x90\x00", "image/png")}),
            ({}, {"attachment": ("fake.png", b"<html>", "image/png")}),
        ):
            page = self._post("/my/support/new", files=files, **dict(good, **bad))
            self.assertEqual(page.status_code, 200, bad)
            self.assertIn("Please correct the highlighted fields.", page.text)
        self.assertFalse(self._tickets(self.partner_a))
        self.assertFalse(self._tickets(self.partner_b))

    def test_return_request(self):
        order = self._delivered_order(self.partner_a, 5)
        order_b = self._delivered_order(self.partner_b, 5)
        line = order.order_line
        self.authenticate("prm_portal_a", "prm_portal_a")
        listing = self.url_open("/my/support/returns").text
        self.assertIn(order.name, listing)
        self.assertNotIn(order_b.name, listing)
        self.assertEqual(
            self.url_open(f"/my/support/return/{order_b.id}").status_code, 404
        )
        self.assertEqual(
            self._post(f"/my/support/return/{order_b.id}", reason="x").status_code,
            404,
        )
        url = f"/my/support/return/{order.id}"
        form = self._form_values(self.url_open(url).text, url)
        self.assertEqual(self._post(url, **form).status_code, 200)
        for bad, files in (
            ({f"qty_{line.id}": "6"}, None),
            ({f"qty_{line.id}": "-1"}, None),
            ({f"qty_{line.id}": "abc"}, None),
            ({f"qty_{line.id}": "0"}, None),
            ({"reason": "r" * 5000}, None),
            ({}, {"photos": ("doc.exe", b"MZ", "application/octet-stream")}),
        ):
            data = dict({f"qty_{line.id}": "2", "reason": "Broken in transit"}, **bad)
            page = self._post(url, files=files, **data)
            self.assertEqual(page.status_code, 200, bad)
            self.assertIn("Please correct the highlighted fields.", page.text)
        self.assertFalse(self._tickets(self.partner_a))
        done = self._post(
            url,
            files={"photos": ("box.png", PNG, "image/png")},
            **{f"qty_{line.id}": "2", "reason": "Broken in transit"},
        )
        ticket = self._tickets(self.partner_a)
        self.assertTrue(done.url.endswith(f"/my/ticket/{ticket.id}"))
        self.assertEqual(ticket.prm_return_state, "requested")
        self.assertEqual(ticket.prm_return_line_ids.quantity, 2)
        self.assertEqual(ticket.prm_return_reason, "Broken in transit")
        self.assertEqual(
            ticket.category_id,
            self.env.ref("prm_portal.helpdesk_ticket_category_return"),
        )
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["box.png"])
        # what is left to return: 3
        page = self._post(url, **{f"qty_{line.id}": "4", "reason": "More"})
        self.assertIn("At most 3 can be returned.", page.text)

    def test_dashboard_shows_open_tickets(self):
        self._ticket(self.contact_a, name="Dashboard ticket A")
        self._ticket(self.contact_b, name="Dashboard ticket B")
        self.authenticate("prm_portal_a2", "prm_portal_a2")
        page = self.url_open("/my/partner").text
        self.assertIn("Dashboard ticket A", page)
        self.assertIn("o_prm_sla_waiting", page)
        self.assertNotIn("Dashboard ticket B", page)

    def test_helpdesk_routes_for_partners(self):
        ticket = self._ticket(self.contact_a, name="Closable")
        stage = self.env["helpdesk.ticket.stage"].create(
            {"name": "Solved by partner", "closed": True, "close_from_portal": True}
        )
        self.authenticate("prm_portal_b", "prm_portal_b")
        # helpdesk_mgmt's own form sends partners to theirs
        self.assertTrue(self.url_open("/new/ticket").url.endswith("/my/support/new"))
        self._post("/submitted/ticket", subject="Bypass", description="x" * 30_000)
        self.assertFalse(self._tickets(self.partner_b))
        response = self._post(
            "/ticket/close", ticket_id=str(ticket.id), stage_id=str(stage.id)
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(ticket.stage_id, stage)
        self.authenticate("prm_portal_a2", "prm_portal_a2")
        self._post("/ticket/close", ticket_id=str(ticket.id), stage_id=str(stage.id))
        self.assertEqual(ticket.stage_id, stage)
