# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Events and forums of the first versions (tiers and partner types of their
own) take the library's audience rules on update."""

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import PrmPortalCommon, load_migration


@tagged("post_install", "-at_install")
class TestAudienceMigration(PrmPortalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.migration = load_migration("18.0.1.3.0", "post")
        cls.reseller = cls.env.ref("prm_partner.prm_partner_type_reseller")
        cls.distributor = cls.env.ref("prm_partner.prm_partner_type_distributor")
        begin = fields.Datetime.now()
        cls.events = cls.env["event.event"].create(
            [
                {
                    "name": name,
                    "date_begin": begin,
                    "date_end": begin,
                    "prm_partners_only": partners_only,
                }
                for name, partners_only in (
                    ("PRM Gold webinar", True),
                    ("PRM Reseller day", True),
                    ("PRM Gold resellers", True),
                    ("PRM Channel fair", True),
                    ("PRM Everyone", True),
                    ("PRM Public", False),
                )
            ]
        )
        cls.forum = cls.env["forum.forum"].create(
            {"name": "PRM Old Community", "prm_partners_only": True}
        )

    def _old_rules(self, table, record, tiers=(), types=()):
        """Relation rows as the first versions stored them."""
        cr = self.env.cr
        cr.execute(
            f"CREATE TABLE IF NOT EXISTS {table}_prm_partner_type_rel "
            f"({table}_id integer, prm_partner_type_id integer)"
        )
        for tier in tiers:
            cr.execute(
                f"INSERT INTO {table}_prm_tier_rel VALUES (%s, %s)",
                [record.id, tier.id],
            )
        for partner_type in types:
            cr.execute(
                f"INSERT INTO {table}_prm_partner_type_rel VALUES (%s, %s)",
                [record.id, partner_type.id],
            )

    def test_events_and_forums_take_an_audience(self):
        gold, day, gold_resellers, fair, everyone, public = self.events
        self._old_rules("event_event", gold, tiers=self.tier)
        self._old_rules("event_event", day, types=self.reseller)
        self._old_rules("event_event", gold_resellers, self.tier, self.reseller)
        self._old_rules("event_event", fair, types=self.reseller | self.distributor)
        self._old_rules("event_event", public, tiers=self.tier)
        self._old_rules("forum_forum", self.forum, tiers=self.tier)
        self.env.invalidate_all()

        self.migration.migrate(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()

        self.assertEqual(gold.prm_audience, "tiers")
        self.assertEqual(gold.prm_tier_ids, self.tier)
        self.assertEqual(
            (day.prm_audience, day.prm_partner_type), ("types", "reseller")
        )
        self.assertEqual(
            (gold_resellers.prm_audience, gold_resellers.prm_partner_type),
            ("rules", "reseller"),
        )
        self.assertEqual(gold_resellers.prm_tier_ids, self.tier)
        # several types: the partners of those types, today
        self.assertEqual(fair.prm_audience, "partners")
        self.assertIn(self.partner_a, fair.prm_partner_ids)
        self.assertIn(self.partner_b, fair.prm_partner_ids)
        self.assertTrue(all(p.prm_is_partner for p in fair.prm_partner_ids))
        self.assertEqual(everyone.prm_audience, "all")
        # not kept for partners: left as it was
        self.assertEqual(public.prm_audience, "all")
        self.assertEqual(
            (self.forum.prm_audience, self.forum.prm_tier_ids), ("tiers", self.tier)
        )

        # the same partners see them as before: A is a Gold reseller, B a
        # distributor of no tier
        Event = self.env["event.event"]
        self.assertEqual(
            Event.search(
                [("id", "in", self.events.ids)]
                + [("prm_audience_partner_id", "child_of", self.partner_a.id)]
            ),
            self.events,
        )
        self.assertEqual(
            Event.search(
                [("id", "in", self.events.ids)]
                + [("prm_audience_partner_id", "child_of", self.partner_b.id)]
            ),
            fair | everyone | public,
        )
        self.assertTrue(self.forum._prm_is_visible_to(self.partner_a))
        self.assertFalse(self.forum._prm_is_visible_to(self.partner_b))
