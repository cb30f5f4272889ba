# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, tagged

from .common import PageAssertions
from .test_news import NewsCommon


@tagged("post_install", "-at_install")
class TestNewsPortal(PageAssertions, NewsCommon, HttpCase):
    def _ack(self, announcement, contact=None):
        return self.env["prm.announcement.ack"].search(
            [
                ("announcement_id", "=", announcement.id),
                ("partner_id", "=", (contact or self.contact_a).id),
            ]
        )

    def _post(self, url, data=None, csrf=True):
        # never empty: url_open sends a GET without data
        data = dict(data or {"submit": "1"})
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)

    def test_partners_of_different_tiers_see_different_news(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/news").text
        self.assertIn("News gold<", page)
        self.assertIn("News gold_resellers_north<", page)
        self.assertNotIn("News distributor<", page)
        self.assertNotIn("News draft<", page)
        self.assertNotIn("News expired<", page)
        self.assertNotIn("News future<", page)
        self.assertLess(page.index("News all<"), page.index("News gold<"))  # pinned
        self.assertIn("o_prm_news_item_unread", page)
        self.authenticate("prm_portal_b", "prm_portal_b")
        page = self.url_open("/my/news").text
        self.assertIn("News distributor<", page)
        self.assertIn("News chosen_b<", page)
        self.assertNotIn("News gold<", page)

    def test_public_visitor_is_sent_to_login(self):
        self.authenticate(None, None)
        for url in ("/my/news", f"/my/news/{self.news['all'].id}"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"])
        response = self._post(f"/my/news/{self.news['price_change'].id}/acknowledge")
        self.assertIn(response.status_code, (303, 400))
        self.assertFalse(self.env["prm.announcement.ack"].search([]))

    def test_reading_marks_read_for_the_contact_only(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        news = self.news["gold"]
        unread = self.url_open("/my/news").text.count("o_prm_news_item_unread")
        self.assertEqual(unread, 5)
        page = self.url_open(f"/my/news/{news.id}").text
        self.assertIn("Body of gold", page)
        self.assertNotIn("o_prm_news_ack", page)  # no acknowledgement asked
        ack = self._ack(news)
        self.assertTrue(ack.date_read)
        self.assertEqual(ack.commercial_partner_id, self.partner_a)
        self.assertFalse(self._ack(news, self.contact_b))
        page = self.url_open("/my/news").text
        self.assertEqual(page.count("o_prm_news_item_unread"), 4)

    def test_other_partners_and_bad_ids_get_404(self):
        self.authenticate("prm_portal_b", "prm_portal_b")
        for news in ("gold", "draft", "expired", "future"):
            with self.subTest(news=news):
                url = f"/my/news/{self.news[news].id}"
                self.assertEqual(self.url_open(url).status_code, 404)
                response = self._post(f"{url}/acknowledge")
                self.assertEqual(response.status_code, 404)
        for url in ("/my/news/999999999", "/my/news/abc", "/my/news/page/x"):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        self.assertFalse(self.env["prm.announcement.ack"].search([]))

    def test_acknowledge(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        news = self.news["price_change"]
        page = self.url_open(f"/my/news/{news.id}").text
        values = self._form_values(page, f"/my/news/{news.id}/acknowledge")
        self.assertIn("csrf_token", values)
        # without the CSRF token: refused
        response = self._post(f"/my/news/{news.id}/acknowledge", csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._ack(news).date_acknowledged)
        # a GET does not acknowledge
        self.url_open(f"/my/news/{news.id}/acknowledge")
        self.assertFalse(self._ack(news).date_acknowledged)
        response = self.url_open(
            f"/my/news/{news.id}/acknowledge", data=values, allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        ack = self._ack(news)
        self.assertTrue(ack.date_acknowledged)
        ack.date_acknowledged = self.past
        # twice: nothing changes
        response = self._post(f"/my/news/{news.id}/acknowledge")
        self.assertEqual(response.status_code, 303)
        ack.invalidate_recordset()
        self.assertEqual(ack.date_acknowledged, self.past.replace(microsecond=0))
        self.assertEqual(len(self._ack(news)), 1)
        page = self.url_open(f"/my/news/{news.id}").text
        self.assertIn("o_prm_news_ack_done", page)
        # the other contact of another partner has acknowledged nothing
        self.assertFalse(self._ack(news, self.contact_b))

    def test_acknowledge_only_when_asked(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post(f"/my/news/{self.news['gold'].id}/acknowledge")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._ack(self.news["gold"]))

    def test_unread_counter_and_dashboard(self):
        self.authenticate("prm_portal_a", "prm_portal_a")

        def unread():
            return self.make_jsonrpc_request(
                "/my/counters", {"counters": ["prm_news_unread_count"]}
            )["prm_news_unread_count"]

        self.assertEqual(unread(), 5)
        self.url_open(f"/my/news/{self.news['gold'].id}")
        self.assertEqual(unread(), 4)
        home = self.url_open("/my").text
        self.assertIn("prm_news_unread_count", home)
        dashboard = self.url_open("/my/partner").text
        self.assertIn("o_prm_news_feed", dashboard)
        self.assertIn("News all<", dashboard)
        self.assertIn("o_prm_news_feed_to_ack", dashboard)  # the price change
        # navigation badge: the unread ones
        self.assertIn('href="/my/news"', dashboard)
        # a user of no partner counts nothing
        self.authenticate("prm_portal_salesman", "prm_portal_salesman")
        self.assertEqual(unread(), 0)

    def test_digest_choice_round_trip(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/news").text
        values = self._form_values(page, "/my/news/digest")
        self.assertNotIn("digest", values)  # unchecked
        values["digest"] = "on"
        response = self.url_open("/my/news/digest", data=values)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_prm_news_digest_saved", response.text)
        self.assertTrue(self.contact_a.prm_news_digest)
        self.assertTrue(self.contact_a.prm_news_digest_date)
        self.assertFalse(self.partner_a.prm_news_digest)
        values = self._form_values(response.text, "/my/news/digest")
        self.assertEqual(values["digest"], "on")
        values.pop("digest")
        self.url_open("/my/news/digest", data=values)
        self.contact_a.invalidate_recordset()
        self.assertFalse(self.contact_a.prm_news_digest)
        # bad values switch it off, never fail
        self._post("/my/news/digest", {"digest": ["x", "y"]})
        self.assertFalse(self.contact_a.prm_news_digest)
        response = self._post("/my/news/digest", {"digest": "on"}, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.contact_a.invalidate_recordset()
        self.assertFalse(self.contact_a.prm_news_digest)

    def test_read_and_acknowledge_tour(self):
        news = self.news["price_change"]
        self.start_tour("/my/news", "prm_portal_news_acknowledge", login="prm_portal_a")
        ack = self._ack(news)
        self.assertTrue(ack.date_read)
        self.assertTrue(ack.date_acknowledged)
