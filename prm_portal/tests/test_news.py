# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..logic import audience
from .common import PrmPortalCommon


class NewsCommon(PrmPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Territory = cls.env["prm.territory"]
        cls.north = Territory.create({"name": "North (news test)"})
        cls.hanoi = Territory.create(
            {"name": "Hanoi (news test)", "parent_id": cls.north.id}
        )
        cls.partner_a.prm_territory_ids = cls.hanoi
        now = fields.Datetime.now()
        cls.past = now - timedelta(days=2)
        cls.news = {
            key: cls._announcement(key, **values)
            for key, values in {
                "all": {"pinned": True},
                "gold": {"prm_audience": "tiers", "prm_tier_ids": cls.tier.ids},
                "distributor": {
                    "prm_audience": "types",
                    "prm_partner_type": "distributor",
                },
                "north": {
                    "prm_audience": "territories",
                    "prm_territory_ids": cls.north.ids,
                },
                "gold_resellers_north": {
                    "prm_audience": "rules",
                    "prm_tier_ids": cls.tier.ids,
                    "prm_partner_type": "reseller",
                    "prm_territory_ids": cls.north.ids,
                },
                "onboarding": {
                    "prm_audience": "rules",
                    "prm_partner_stage": "onboarding",
                },
                "chosen_b": {
                    "prm_audience": "partners",
                    "prm_partner_ids": cls.partner_b.ids,
                },
                "price_change": {"require_ack": True},
                "draft": {"state": "draft"},
                "future": {"date_publish": now + timedelta(days=1)},
                "expired": {"date_expiry": now - timedelta(hours=1)},
            }.items()
        }

    @classmethod
    def _announcement(cls, key, **values):
        vals = {
            "name": f"News {key}",
            "body": f"<p>Body of {key}</p>",
            "state": "published",
            "date_publish": cls.past,
        }
        vals.update(values)
        return cls.env["prm.announcement"].create(vals)

    def _names(self, announcements):
        keys = {a.id: k for k, a in self.news.items()}
        return {keys[a.id] for a in announcements if a.id in keys}


@tagged("post_install", "-at_install")
class TestNewsAudience(NewsCommon, TransactionCase):
    VISIBLE_A = {"all", "gold", "north", "gold_resellers_north", "price_change"}
    VISIBLE_B = {"all", "distributor", "chosen_b", "price_change"}

    def test_portal_users_read_their_live_audience_only(self):
        Announcement = self.env["prm.announcement"]
        ids = [a.id for a in self.news.values()]
        for user, partner, expected in (
            (self.portal_a, self.partner_a, self.VISIBLE_A),
            (self.portal_b, self.partner_b, self.VISIBLE_B),
        ):
            with self.subTest(partner=partner.name):
                by_rule = Announcement.with_user(user).search([("id", "in", ids)])
                self.assertEqual(self._names(by_rule), expected)
                # the pure rules (used by the digest) agree with the domain
                # for the live announcements
                profile = Announcement._prm_audience_profile(partner)
                live = Announcement.search(
                    [("id", "in", ids)] + Announcement._prm_live_domain()
                )
                by_logic = live.filtered(
                    lambda a, p=profile: audience.reaches(a._prm_audience(), p)
                )
                self.assertEqual(self._names(by_logic), expected)

    def test_pinned_first(self):
        found = self.env["prm.announcement"].with_user(self.portal_a).search([])
        self.assertEqual(found[0], self.news["all"])

    def test_stage_rule_and_suspended_partner(self):
        Announcement = self.env["prm.announcement"].with_user(self.portal_b)
        self.partner_b.prm_stage = "onboarding"
        self.assertIn(self.news["onboarding"], Announcement.search([]))
        self.partner_b.prm_stage = "suspended"
        self.assertFalse(Announcement.search([]))

    def test_library_shares_the_audience_rules(self):
        category = self.env["prm.document.category"].create({"name": "News test"})
        document = self.env["prm.document"].create(
            {
                "name": "Gold resellers only",
                "category_id": category.id,
                "kind": "url",
                "url": "https://x.example",
                "prm_audience": "rules",
                "prm_tier_ids": self.tier.ids,
                "prm_partner_type": "reseller",
            }
        )
        self.assertTrue(document._prm_is_visible_to(self.partner_a))
        self.assertFalse(document._prm_is_visible_to(self.partner_b))
        self.assertTrue(
            document.with_user(self.portal_a).search([("id", "=", document.id)])
        )
        self.assertFalse(
            document.with_user(self.portal_b).search([("id", "=", document.id)])
        )

    def test_partners_of_an_audience(self):
        Partner = self.env["res.partner"]
        rules = self.news["gold_resellers_north"]
        found = Partner.search(rules._prm_audience_partner_domain())
        self.assertIn(self.partner_a, found)
        self.assertNotIn(self.partner_b, found)
        found = Partner.search(self.news["north"]._prm_audience_partner_domain())
        self.assertIn(self.partner_a, found)  # Hanoi is in the North
        self.assertNotIn(self.partner_b, found)

    def test_expiry_after_publication(self):
        with self.assertRaises(ValidationError):
            self._announcement("bad", date_expiry=self.past - timedelta(days=1))

    def test_prm_user_reads_drafts_but_cannot_write(self):
        Announcement = self.env["prm.announcement"].with_user(self.prm_user)
        self.assertIn(self.news["draft"], Announcement.search([]))
        draft = self.news["draft"].with_user(self.prm_user)
        with self.assertRaises(AccessError):
            draft.action_publish()
        with self.assertRaises(AccessError):
            draft.write({"name": "changed"})
        self.assertEqual(self.news["draft"].state, "draft")

    def test_manager_publishes(self):
        self.news["draft"].with_user(self.manager).action_publish()
        self.assertEqual(self.news["draft"].state, "published")
        self.assertIn(
            self.news["draft"],
            self.env["prm.announcement"].with_user(self.portal_a).search([]),
        )

    def test_salesperson_without_prm_group_reads_nothing(self):
        with self.assertRaises(AccessError):
            self.env["prm.announcement"].with_user(self.salesman).search([])
        with self.assertRaises(AccessError):
            self.env["prm.announcement.ack"].with_user(self.salesman).search([])

    def test_portal_user_cannot_read_acknowledgements(self):
        with self.assertRaises(AccessError):
            self.env["prm.announcement.ack"].with_user(self.portal_a).search([])

    def test_reading_then_acknowledging_keeps_the_first_dates(self):
        Ack = self.env["prm.announcement.ack"]
        news = self.news["price_change"]
        Ack._prm_mark(news, self.contact_a)
        ack = Ack.search([("announcement_id", "=", news.id)])
        self.assertEqual(ack.commercial_partner_id, self.partner_a)
        self.assertTrue(ack.date_read)
        self.assertFalse(ack.date_acknowledged)
        # now() is the same all along a transaction: date the first reading
        # back to see it kept
        first_read = self.past.replace(microsecond=0)
        ack.date_read = first_read
        Ack._prm_mark(news, self.contact_a, acknowledge=True)
        ack.date_acknowledged = first_read + timedelta(hours=1)
        Ack._prm_mark(news, self.contact_a, acknowledge=True)
        ack = Ack.search([("announcement_id", "=", news.id)])
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.date_read, first_read)
        self.assertEqual(ack.date_acknowledged, first_read + timedelta(hours=1))
        self.assertEqual((news.read_count, news.ack_count), (1, 1))


@tagged("post_install", "-at_install")
class TestAnnouncementList(TransactionCase):
    # The list headers are bold 14 px: about 8 px per character (measured in
    # Chromium: "Pinned" 46.7 px, "Read and Acknowledge" 156.6 px), inside a
    # fixed width of which 16 px go to the cell's padding.
    PX_PER_CHAR, PADDING = 8, 16

    def test_fixed_columns_fit_their_headers(self):
        Announcement = self.env["prm.announcement"]
        view = self.env.ref("prm_portal.prm_announcement_view_list")
        arch = etree.fromstring(Announcement.get_view(view.id, "list")["arch"])
        fixed = arch.xpath("//field[@width]")
        self.assertIn("pinned", [node.get("name") for node in fixed])
        for node in fixed:
            label = node.get("string") or Announcement._fields[node.get("name")].string
            room = int(node.get("width").removesuffix("px")) - self.PADDING
            self.assertGreaterEqual(
                room, len(label) * self.PX_PER_CHAR, f"{label!r} is cut"
            )
