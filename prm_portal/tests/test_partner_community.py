# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.website.tests.test_performance import UtilPerf

from .common import PageAssertions
from .test_partner_events import PrmEventsCommon


class PrmCommunityCommon(PrmEventsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forum = cls.env["forum.forum"].create(
            {"name": "PRM Partner Community", "prm_partners_only": True}
        )
        cls.question = cls.env["forum.post"].create(
            {
                "forum_id": cls.forum.id,
                "name": "PRM how to register a shared deal",
                "content": "<p>Who gets the deal?</p>",
            }
        )


@tagged("post_install", "-at_install")
class TestPartnerCommunity(PageAssertions, PrmCommunityCommon, HttpCase):
    def _get(self, url, login=None):
        self.authenticate(login, login)
        return self.url_open(url)

    def test_forum_for_partners_only(self):
        forum_url = self.forum._compute_website_url()
        post_url = f"{forum_url}/{self.question.id}"
        for login in (None, "prm_events_customer"):
            for url in (forum_url, post_url):
                response = self._get(url, login)
                self.assertIn(response.status_code, (403, 404), (login, url))
                self.assertNotIn("PRM how to register a shared deal", response.text)
            # nor in the list of forums
            self.assertNotIn("PRM Partner Community", self._get("/forum", login).text)
        response = self._get(post_url, "prm_portal_a")
        self.assertEqual(response.status_code, 200)
        self.assertIn("PRM how to register a shared deal", response.text)

    def test_forum_by_tier(self):
        self.forum.write({"prm_audience": "tiers", "prm_tier_ids": self.tier.ids})
        forum_url = self.forum._compute_website_url()
        self.assertEqual(self._get(forum_url, "prm_portal_a").status_code, 200)
        self.assertIn(self._get(forum_url, "prm_portal_b").status_code, (403, 404))

    def test_onboarding_partner_waits_for_the_community(self):
        self.partner_b.prm_stage = "onboarding"
        Post = self.env["forum.post"].with_user(self.portal_b)
        self.assertFalse(Post.search([("id", "=", self.question.id)]))
        self.partner_b.prm_stage = "active"
        self.assertEqual(Post.search([("id", "=", self.question.id)]), self.question)

    def test_portal_navigation_links_the_community(self):
        page = self._get("/my/events", "prm_portal_a").text
        self.assertIn(self.forum._compute_website_url(), page)
        self.assertIn('href="/my/events"', page)

    def test_expert_answers(self):
        expert = self._prm_new_user("employee", login="prm_events_expert", karma=100)
        answer = (
            self.env["forum.post"]
            .with_user(expert)
            .create(
                {
                    "forum_id": self.forum.id,
                    "parent_id": self.question.id,
                    "content": "<p>The first approved registration.</p>",
                }
            )
        )
        self.assertEqual(
            self.question.with_user(self.portal_a).child_ids,
            answer.with_user(self.portal_a),
        )
        with self.assertRaises(AccessError):
            answer.with_user(self.customer).read(["content"])


@tagged("post_install", "-at_install")
class TestEngagement(PrmCommunityCommon):
    def _activity(self, user):
        """A login, a forum question and a ticket of ``user``."""
        self.env["res.users.log"].with_user(user).sudo().create({})
        user.sudo().karma = 500
        self.env["forum.post"].with_user(user).create(
            {"forum_id": self.forum.id, "name": "PRM question", "content": "<p>?</p>"}
        )
        self.env["helpdesk.ticket"].create(
            {
                "name": "PRM help",
                "description": "<p>!</p>",
                "partner_id": user.partner_id.id,
            }
        )

    def test_score_and_previous(self):
        self._activity(self.portal_a)
        self._attend(self._event("PRM Past Call", days=-2), self.contact_a)
        partners = self.partner_a | self.partner_b
        partners._prm_refresh_engagement()
        components = partners._prm_engagement_components()
        codes = {c.code for c in components}
        self.assertEqual("acks" in codes, "prm.announcement.ack" in self.env)
        weights = {c.code: c.weight for c in components}
        total = sum(weights.values())
        # one login of 3, one event of 1, one post of 3, one ticket of 1
        expected = round(
            100
            * (
                weights["logins"] / 3
                + weights["events"]
                + weights["forum"] / 3
                + weights["tickets"]
            )
            / total,
            1,
        )
        self.assertAlmostEqual(self.partner_a.prm_engagement_score, expected, places=1)
        self.assertEqual(self.partner_b.prm_engagement_score, 0.0)
        self.assertEqual(self.partner_a.prm_engagement_date, fields.Date.today())
        self.assertFalse(self.partner_a.prm_engagement_dropped)

    def test_drop_lists_the_partner_for_its_manager(self):
        self.env.cr.execute(
            "UPDATE res_partner SET prm_engagement_score = 80 WHERE id = %s",
            [self.partner_a.id],
        )
        self.partner_a.invalidate_recordset()
        self._activity(self.portal_a)
        dropped = self.partner_a._prm_refresh_engagement()
        self.assertEqual(dropped, self.partner_a)
        self.assertTrue(self.partner_a.prm_engagement_dropped)
        self.assertEqual(self.partner_a.prm_engagement_previous, 80.0)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.partner_a.id)]
        )
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn("80", activity.summary)
        # the PRM user (not manager) finds it under "Engagement Dropped"
        action = self.env.ref("prm_portal.res_partner_action_prm_engagement_dropped")
        found = (
            self.env["res.partner"]
            .with_user(self.prm_user)
            .search(safe_eval(action.domain))
        )
        self.assertIn(self.partner_a, found)
        # scored again at the same level: no drop any more, no second activity
        self.partner_a._prm_refresh_engagement()
        self.assertFalse(self.partner_a.prm_engagement_dropped)
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "res.partner"), ("res_id", "=", self.partner_a.id)]
            ),
            1,
        )

    def test_batch_query_count_does_not_grow_with_partners(self):
        def make(count, prefix):
            partners = self.env["res.partner"]
            for index in range(count):
                partner = self._prm_partner(f"{prefix} {index}", prm_stage="active")
                user = self._prm_portal_user(partner, login=f"{prefix}_{index}")
                self._activity(user)
                partners |= partner
            return partners

        small = make(2, "prm_eng_small")
        large = make(8, "prm_eng_large")
        small_count = self._prm_query_count(small._prm_refresh_engagement)
        with self.assertQueryCount(small_count):
            self.env.invalidate_all()
            large._prm_refresh_engagement()
        self.assertTrue(all(p.prm_engagement_score > 0 for p in large))

    def test_cron_scores_in_chunks(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "prm_portal.engagement.chunk_size", "1"
        )
        self.env["res.partner"]._cron_prm_engagement()
        self.assertEqual(self.partner_a.prm_engagement_date, fields.Date.today())
        self.assertEqual(self.partner_b.prm_engagement_date, fields.Date.today())
        # the contacts are not scored, only the companies
        self.assertFalse(self.contact_a.prm_engagement_date)

    def test_scorecard_shows_karma_and_engagement(self):
        self.portal_a.sudo().karma = 345
        self.partner_a._prm_refresh_engagement()
        review = (
            self.env["prm.business.review"]
            .with_user(self.prm_user)
            .create({"partner_id": self.partner_a.id})
        )
        scores = dict(review._prm_scorecard_values()["extra_scores"])
        self.assertEqual(scores["Forum karma"], "345")
        self.assertIn("Engagement score", scores)
        self.assertEqual(self.partner_a.with_user(self.prm_user).prm_forum_karma, 345)

    def test_portal_user_cannot_write_the_score(self):
        with self.assertRaises(AccessError):
            self.partner_a.with_user(self.portal_a).write({"prm_engagement_score": 99})


@tagged("post_install", "-at_install")
class TestCommunityRulesCost(UtilPerf):
    """The rules keeping partner forums and events for their partners add a
    condition to the queries Odoo runs anyway, never a query of their own."""

    RULES = (
        "prm_portal.forum_forum_rule_prm_partners",
        "prm_portal.forum_post_rule_prm_partners",
        "prm_portal.forum_tag_rule_prm_partners",
        "prm_portal.event_event_rule_prm_partners",
        "prm_portal.event_event_ticket_rule_prm_partners",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forum = cls.env["forum.forum"].create({"name": "PRM Open Forum"})
        cls.post = cls.env["forum.post"].create(
            {
                "forum_id": cls.forum.id,
                "name": "PRM open question",
                "content": "<p>Anyone?</p>",
                "tag_ids": [
                    fields.Command.create({"name": "PRM", "forum_id": cls.forum.id})
                ],
            }
        )
        cls.partner_forum = cls.env["forum.forum"].create(
            {"name": "PRM Partners Forum", "prm_partners_only": True}
        )

    def _counts(self):
        return [
            self._get_url_hot_query(url)
            for url in (self.forum._compute_website_url(), self.post.website_url)
        ]

    def test_public_pages_cost_no_query_of_ours(self):
        rules = self.env["ir.rule"].browse(self.env.ref(x).id for x in self.RULES)
        with_rules = self._counts()
        rules.active = False
        without_rules = self._counts()
        self.assertEqual(with_rules, without_rules)
        # and the rules did keep the partner forum from the public
        rules.active = True
        self.assertEqual(self.url_open("/forum").status_code, 200)
        self.assertNotIn("PRM Partners Forum", self.url_open("/forum").text)
        self.assertIn("PRM Open Forum", self.url_open("/forum").text)
