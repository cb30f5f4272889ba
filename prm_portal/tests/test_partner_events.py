# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PageAssertions, PrmPortalCommon


class PrmEventsCommon(PrmPortalCommon):
    """Partner A on the Gold test tier, partner B on no tier, a plain
    portal customer; a public event, an event for every partner and one for
    the Gold test tier only, all published and a week ahead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._prm_new_user(
            "portal", login="prm_events_customer", password="prm_events_customer"
        )
        cls.partner_a.prm_manager_id = cls.manager
        cls.public_event = cls._event("PRM Open Day")
        cls.partner_event = cls._event("PRM Partner Webinar", prm_partners_only=True)
        cls.gold_event = cls._event(
            "PRM Gold Workshop",
            prm_partners_only=True,
            prm_audience="tiers",
            prm_tier_ids=[fields.Command.set(cls.tier.ids)],
            prm_training_hours=6,
        )

    @classmethod
    def _event(cls, name, days=7, **values):
        begin = fields.Datetime.now() + timedelta(days=days)
        vals = {
            "name": name,
            "date_begin": begin,
            "date_end": begin + timedelta(hours=3),
            "website_published": True,
        }
        vals.update(values)
        return cls.env["event.event"].create(vals)

    def _attend(self, event, contact, state="done"):
        return self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": contact.id, "state": state}
        )


@tagged("post_install", "-at_install")
class TestPartnerEventVisibility(PageAssertions, PrmEventsCommon, HttpCase):
    def _listing(self, login=None):
        if login:
            self.authenticate(login, login)
        response = self.url_open("/event?date=upcoming")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_public_visitor_sees_public_events_only(self):
        page = self._listing()
        self.assertIn("PRM Open Day", page)
        self.assertNotIn("PRM Partner Webinar", page)
        self.assertNotIn("PRM Gold Workshop", page)

    def test_portal_customer_sees_public_events_only(self):
        page = self._listing("prm_events_customer")
        self.assertIn("PRM Open Day", page)
        self.assertNotIn("PRM Partner Webinar", page)
        self.assertNotIn("PRM Gold Workshop", page)

    def test_partner_of_the_tier_sees_its_events(self):
        page = self._listing("prm_portal_a")
        self.assertIn("PRM Open Day", page)
        self.assertIn("PRM Partner Webinar", page)
        self.assertIn("PRM Gold Workshop", page)

    def test_partner_of_another_tier_misses_the_tier_event(self):
        page = self._listing("prm_portal_b")
        self.assertIn("PRM Partner Webinar", page)
        self.assertNotIn("PRM Gold Workshop", page)

    def test_event_page_by_its_link(self):
        url = f"/event/{self.gold_event.id}/register"
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("PRM Gold Workshop", response.text)
        for login in ("prm_portal_b", "prm_events_customer", None):
            self.authenticate(login, login)
            response = self.url_open(url)
            self.assertIn(response.status_code, (403, 404), login)
            self.assertNotIn("PRM Gold Workshop", response.text)

    def test_home_counter(self):
        counts = {}
        for login in ("prm_portal_a", "prm_portal_b", "prm_events_customer"):
            self.authenticate(login, login)
            counts[login] = self.make_jsonrpc_request(
                "/my/counters", {"counters": ["prm_event_count"]}
            )["prm_event_count"]
        # the Gold workshop counts for A only; other upcoming partner events
        # of the database for both
        self.assertGreaterEqual(counts["prm_portal_a"], 2)
        self.assertEqual(counts["prm_portal_a"] - counts["prm_portal_b"], 1)
        self.assertEqual(counts["prm_events_customer"], 0)

    def test_partner_type_restriction(self):
        self.partner_event.write(
            {"prm_audience": "types", "prm_partner_type": "distributor"}
        )
        # B is a distributor, A a reseller
        self.assertIn("PRM Partner Webinar", self._listing("prm_portal_b"))
        self.assertNotIn("PRM Partner Webinar", self._listing("prm_portal_a"))

    def test_suspended_partner_loses_partner_events(self):
        self.partner_b.prm_stage = "suspended"
        page = self._listing("prm_portal_b")
        self.assertNotIn("PRM Partner Webinar", page)
        self.assertIn("PRM Open Day", page)

    def test_record_rules_for_portal_and_internal_users(self):
        Event = self.env["event.event"]
        events = self.public_event | self.partner_event | self.gold_event
        self.assertEqual(
            Event.with_user(self.portal_b).search([("id", "in", events.ids)]),
            self.public_event | self.partner_event,
        )
        with self.assertRaises(AccessError):
            self.gold_event.with_user(self.customer).read(["name"])
        # the vendor's PRM users (not managers) plan them: they see all
        self.assertEqual(
            Event.with_user(self.prm_user).search([("id", "in", events.ids)]), events
        )


@tagged("post_install", "-at_install")
class TestPartnerEventRegistration(PageAssertions, PrmEventsCommon, HttpCase):
    def _register(self, event_id):
        return self.url_open(
            f"/my/events/{event_id}/register",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )

    def test_register_then_again(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/events").text
        self.assertIn("PRM Gold Workshop", page)
        self.assertNotIn("PRM Open Day", page)
        response = self._register(self.gold_event.id)
        self.assertIn("message=registered", response.headers["Location"])
        registration = self.env["event.registration"].search(
            [("event_id", "=", self.gold_event.id)]
        )
        self.assertEqual(registration.partner_id, self.contact_a)
        self.assertEqual(registration.state, "open")
        self.assertEqual(registration.email, "lan@a.example")
        response = self._register(self.gold_event.id)
        self.assertIn("error=already", response.headers["Location"])
        self.assertEqual(
            self.env["event.registration"].search_count(
                [("event_id", "=", self.gold_event.id)]
            ),
            1,
        )
        page = self.url_open("/my/events?error=already").text
        self.assertIn("already registered", page)

    def test_full_event(self):
        self.partner_event.write({"seats_limited": True, "seats_max": 1})
        self._attend(self.partner_event, self.contact_b, state="open")
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._register(self.partner_event.id)
        self.assertIn("error=full", response.headers["Location"])
        self.assertFalse(
            self.env["event.registration"].search(
                [("partner_id", "=", self.contact_a.id)]
            )
        )
        self.assertIn("no seat is left", self.url_open("/my/events?error=full").text)

    def test_closed_registrations(self):
        self.env["event.event.ticket"].create(
            {
                "event_id": self.partner_event.id,
                "name": "Early",
                "end_sale_datetime": fields.Datetime.now() - timedelta(days=1),
            }
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._register(self.partner_event.id)
        self.assertIn("error=closed", response.headers["Location"])
        self.assertIn("closed", self.url_open("/my/events?error=closed").text)

    def test_events_out_of_reach_answer_404(self):
        self.authenticate("prm_portal_b", "prm_portal_b")
        self.assertEqual(self._register(self.gold_event.id).status_code, 404)
        self.assertEqual(self._register(self.public_event.id).status_code, 404)
        self.assertEqual(self._register(999999999).status_code, 404)
        self.assertFalse(
            self.env["event.registration"].search(
                [("partner_id", "=", self.contact_b.id)]
            )
        )
        self.authenticate("prm_events_customer", "prm_events_customer")
        self.assertEqual(self.url_open("/my/events").status_code, 404)
        self.assertEqual(self._register(self.partner_event.id).status_code, 404)

    def test_forged_error_code_is_not_shown(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/events?error=<script>x</script>").text
        self.assertNotIn("o_prm_event_error", page)
        self.assertNotIn("<script>x</script>", page)

    def test_register_tour(self):
        self._event("PRM Tour Webinar", days=3, prm_partners_only=True)
        self.start_tour("/my/events", "prm_portal_event_register", login="prm_portal_a")
        registration = self.env["event.registration"].search(
            [("event_id.name", "=", "PRM Tour Webinar")]
        )
        self.assertEqual(registration.partner_id, self.contact_a)


@tagged("post_install", "-at_install")
class TestPartnerEventAttendance(PrmEventsCommon):
    def test_attended_events_make_a_tier_criterion(self):
        gold_plus = self.env["prm.tier"].create(
            {"name": "Events Gold", "rank": 7400, "min_events_attended": 2}
        )
        self.partner_b._prm_evaluate_tiers()
        self.assertNotEqual(self.partner_b.prm_tier_id, gold_plus)
        past = self._event("PRM Past Training", days=-20, prm_partners_only=True)
        self._attend(past, self.contact_b)
        # registered but not attended, and an event still to come: no count
        self._attend(self._event("PRM Past Talk", days=-10), self.contact_b, "open")
        self._attend(self.partner_event, self.contact_b)
        self.partner_b._prm_evaluate_tiers()
        self.assertNotEqual(self.partner_b.prm_tier_id, gold_plus)
        self._attend(self._event("PRM Past Lab", days=-5), self.contact_b)
        results = self.partner_b._prm_evaluate_tiers()
        self.assertEqual(self.partner_b.prm_tier_id, gold_plus)
        __, decision, metrics = results[0]
        self.assertEqual(metrics["events_attended_by_window"][12], 2)
        self.assertIn("events_attended", {c["criterion"] for c in decision.criteria})

    def test_window_of_the_tier(self):
        tier = self.env["prm.tier"].create(
            {
                "name": "Events Window",
                "rank": 7401,
                "min_events_attended": 1,
                "revenue_window_months": 1,
            }
        )
        self._attend(self._event("PRM Old Training", days=-60), self.contact_b)
        self.partner_b._prm_evaluate_tiers()
        self.assertNotEqual(self.partner_b.prm_tier_id, tier)

    def test_training_hours_of_attended_events(self):
        past = self._event("PRM Past Gold", days=-3, prm_training_hours=4.5)
        self._attend(past, self.contact_a)
        colleague = self._prm_portal_user(self.partner_a, login="prm_events_a2")
        self._attend(past, colleague.partner_id)
        self._attend(
            self._event("PRM Past Short", days=-2, prm_training_hours=1),
            self.contact_a,
            "open",
        )
        partner = self.partner_a.with_user(self.prm_user)
        # one event attended, its hours once per company
        self.assertEqual(partner.prm_event_attended_count, 1)
        self.assertEqual(partner.prm_event_training_hours, 4.5)
