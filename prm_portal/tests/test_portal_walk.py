# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every portal page, walked over HTTP by the portal user of a partner of
each tier and of each lifecycle stage: what it may open answers 200 with
its key figures, what it may not is refused."""

from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from .common import PORTAL_SECTIONS, PageAssertions, PrmPortalCommon

PAGES = ("/my", *PORTAL_SECTIONS, "/my/deals/new")


@tagged("post_install", "-at_install")
class TestPortalWalk(PageAssertions, PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tier = cls.env["prm.tier"]
        cls.registered = Tier.create({"name": "Walk Registered", "rank": 7401})
        cls.silver = Tier.create(
            {"name": "Walk Silver", "rank": 7402, "min_won_deals": 1}
        )
        cls.gold = Tier.create({"name": "Walk Gold", "rank": 7403, "min_won_deals": 5})
        cls.walkers = {}
        for tier in (cls.env["prm.tier"], cls.registered, cls.silver, cls.gold):
            cls._walker(f"tier-{tier.name or 'none'}", tier, "active")
        for stage in (
            "prospect",
            "applicant",
            "onboarding",
            "active",
            "suspended",
            "terminated",
        ):
            cls._walker(f"stage-{stage}", cls.silver, stage)

    @classmethod
    def _walker(cls, key, tier, stage):
        login = f"prm_walk_{len(cls.walkers)}"
        company = cls.env["res.partner"].create(
            {
                "name": f"Walker {key} Co",
                "is_company": True,
                "prm_is_partner": True,
                "prm_stage": stage,
                "prm_tier_id": tier.id,
            }
        )
        contact = cls.env["res.partner"].create(
            {"name": f"Walker {key}", "parent_id": company.id}
        )
        new_test_user(
            cls.env,
            login=login,
            password=login,
            groups="base.group_portal",
            partner_id=contact.id,
        )
        cls.walkers[key] = (login, company)

    def _walk(self, key):
        login, company = self.walkers[key]
        self.authenticate(login, login)
        pages = {}
        for url in PAGES:
            response = self.url_open(url)
            pages[url] = response
        return company, pages

    def _assert_page(self, pages, url):
        self.assertEqual(pages[url].status_code, 200, url)

    def test_each_tier(self):
        for key, tier, next_tier in (
            ("tier-none", None, "Portal Test Gold"),
            ("tier-Walk Registered", self.registered, "Walk Silver"),
            ("tier-Walk Silver", self.silver, "Walk Gold"),
            ("tier-Walk Gold", self.gold, None),
        ):
            with self.subTest(tier=key):
                __, pages = self._walk(key)
                for url in PAGES:
                    self._assert_page(pages, url)
                dashboard = pages["/my/partner"].text
                self.assertIn(tier.name if tier else "No tier yet", dashboard)
                if next_tier:
                    self.assertIn(next_tier, dashboard)
                else:
                    self.assertIn("You have reached the highest tier.", dashboard)
                # every page of the partner has the partner navigation
                for url in PAGES[1:]:
                    self.assertIn("o_prm_nav", pages[url].text, url)

    def test_silver_needs_a_won_deal_to_keep_its_tier(self):
        __, pages = self._walk("tier-Walk Silver")
        self.assertIn(
            "Walk Silver needs 1 won deals, you have 0: the next evaluation "
            "moves you down to Walk Registered",
            pages["/my/partner"].text,
        )

    def test_gold_at_risk_says_when_it_drops(self):
        __, company = self.walkers["tier-Walk Gold"]
        company.prm_tier_demotion_date = date(2027, 1, 2)
        __, pages = self._walk("tier-Walk Gold")
        self.assertIn(
            "Walk Gold needs 5 won deals, you have 0: you drop to Walk Registered "
            "on 01/02/2027",
            pages["/my/partner"].text,
        )
        self.assertIn("Your tier will be lowered on", pages["/my/partner"].text)

    def test_each_stage(self):
        for stage in ("onboarding", "active"):
            with self.subTest(stage=stage):
                __, pages = self._walk(f"stage-{stage}")
                for url in PAGES:
                    self._assert_page(pages, url)
                self.assertIn("o_prm_new_deal", pages["/my/partner"].text)
        for stage in ("prospect", "applicant", "suspended", "terminated"):
            with self.subTest(stage=stage):
                __, pages = self._walk(f"stage-{stage}")
                # their records stay readable
                for url in (
                    "/my",
                    "/my/partner",
                    "/my/deals",
                    "/my/agreements",
                    "/my/commissions",
                    "/my/trainings",
                ):
                    self._assert_page(pages, url)
                # no new deal, no leads, no library
                self.assertEqual(pages["/my/deals/new"].status_code, 403)
                self.assertTrue(pages["/my/channel-leads"].url.endswith("/my"))
                self.assertEqual(pages["/my/library"].status_code, 404)
                self.assertNotIn("o_prm_new_deal", pages["/my/partner"].text)
                self.assertNotIn("Enroll", pages["/my/trainings"].text)
