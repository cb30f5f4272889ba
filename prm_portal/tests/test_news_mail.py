# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .test_news import NewsCommon


@tagged("post_install", "-at_install")
class TestNewsDigest(NewsCommon, TransactionCase):
    def _contacts(self, partner, count, prefix):
        return self.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} {i}",
                    "email": f"{prefix.lower()}{i}@digest.example",
                    "parent_id": partner.id,
                    "prm_news_digest": True,
                }
                for i in range(count)
            ]
        )

    def _digest_mails(self, contacts):
        return self.env["mail.mail"].search([("recipient_ids", "in", contacts.ids)])

    def test_digest_content_per_audience(self):
        contact_a = self._contacts(self.partner_a, 1, "Alpha")
        contact_b = self._contacts(self.partner_b, 1, "Beta")
        no_digest = self._contacts(self.partner_a, 1, "Quiet")
        no_digest.prm_news_digest = False
        # already read: not in the digest again
        self.env["prm.announcement.ack"]._prm_mark(self.news["north"], contact_a)
        self.env["res.partner"]._prm_cron_news_digest()
        mail_a = self._digest_mails(contact_a)
        mail_b = self._digest_mails(contact_b)
        self.assertEqual(len(mail_a), 1)
        self.assertEqual(len(mail_b), 1)
        self.assertFalse(self._digest_mails(no_digest))
        self.assertIn("Partner news", mail_a.subject)
        for key in ("all", "gold", "gold_resellers_north", "price_change"):
            self.assertIn(f"News {key}<", mail_a.body_html)
        for key in ("north", "distributor", "chosen_b", "draft", "future", "expired"):
            self.assertNotIn(f"News {key}<", mail_a.body_html)
        self.assertIn(f"/my/news/{self.news['gold'].id}", mail_a.body_html)
        self.assertIn("please read and acknowledge", mail_a.body_html)
        self.assertIn("News distributor<", mail_b.body_html)
        self.assertNotIn("News gold<", mail_b.body_html)
        self.assertTrue(contact_a.prm_news_digest_date)
        # nothing new since: no second digest
        self.env["res.partner"]._prm_cron_news_digest()
        self.assertEqual(len(self._digest_mails(contact_a)), 1)

    def test_only_news_since_the_last_digest(self):
        contact = self._contacts(self.partner_a, 1, "Since")
        # everything was published at self.past: nothing is newer
        contact.prm_news_digest_date = self.past
        contact._prm_send_news_digest(fields.Datetime.now())
        self.assertFalse(self._digest_mails(contact))

    def test_suspended_partner_gets_no_digest(self):
        contact = self._contacts(self.partner_b, 1, "Suspended")
        self.partner_b.prm_stage = "suspended"
        self.env["res.partner"]._prm_cron_news_digest()
        self.assertFalse(self._digest_mails(contact))
        self.assertTrue(contact.prm_news_digest_date)

    def test_cron_works_in_batches(self):
        contacts = self._contacts(self.partner_a, 3, "Batch")
        Partner = self.env["res.partner"]
        summary = Partner._prm_cron_news_digest(batch_size=2)
        self.assertEqual((summary.chunks, summary.done), (2, 3))
        self.assertEqual(len(contacts.filtered("prm_news_digest_date")), 3)
        again = Partner._prm_cron_news_digest(batch_size=2)
        self.assertEqual((again.done, again.remaining), (0, 0))
        self.assertEqual(len(self._digest_mails(contacts)), 3)

    def test_digest_queries_do_not_grow_with_contacts(self):
        now = fields.Datetime.now()
        # warm the template caches
        self._contacts(self.partner_a, 1, "Warm")._prm_send_news_digest(now)
        small = self._contacts(self.partner_a, 1, "Small") | self._contacts(
            self.partner_b, 1, "Smallb"
        )
        large = self._contacts(self.partner_a, 5, "Large") | self._contacts(
            self.partner_b, 5, "Largeb"
        )
        expected = self._prm_query_count(small._prm_send_news_digest, now)
        self.assertEqual(len(self._digest_mails(small)), 2)
        self.env.invalidate_all()
        with self.assertQueryCount(expected):
            large._prm_send_news_digest(now)
        self.assertEqual(len(self._digest_mails(large)), 10)


@tagged("post_install", "-at_install")
class TestMailingSegment(NewsCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.segment = cls.env["prm.mailing.segment"].create(
            {
                "name": "Gold resellers of the North",
                "prm_audience": "rules",
                "prm_tier_ids": cls.tier.ids,
                "prm_partner_type": "reseller",
                "prm_territory_ids": cls.north.ids,
            }
        )
        cls.mailing_list = cls.segment.mailing_list_id

    def _emails(self, opted_out=None):
        subscriptions = self.mailing_list.subscription_ids
        if opted_out is not None:
            subscriptions = subscriptions.filtered(lambda s: s.opt_out == opted_out)
        return set(subscriptions.contact_id.mapped("email_normalized"))

    def test_list_created_with_the_segment(self):
        self.assertEqual(self.mailing_list.name, "Gold resellers of the North")
        self.assertEqual(self.mailing_list.prm_segment_ids, self.segment)

    def test_sync_subscribes_matching_active_partners(self):
        self.segment.action_sync()
        self.assertEqual(
            self._emails(), {"office@alpha-channel.example", "lan@a.example"}
        )
        contact = self.mailing_list.subscription_ids.contact_id.filtered(
            lambda c: c.email == "lan@a.example"
        )
        self.assertEqual(contact.prm_partner_id, self.contact_a)
        # a partner who no longer matches leaves the list
        self.partner_a.prm_stage = "suspended"
        self.segment.action_sync()
        self.assertFalse(self._emails())

    def test_opt_out_is_kept(self):
        self.segment.action_sync()
        subscription = self.mailing_list.subscription_ids.filtered(
            lambda s: s.contact_id.email == "lan@a.example"
        )
        subscription.opt_out = True
        self.segment.action_sync()
        self.assertEqual(self._emails(opted_out=True), {"lan@a.example"})
        self.assertEqual(
            self._emails(opted_out=False), {"office@alpha-channel.example"}
        )
        # still opted out when the partner leaves and comes back
        self.partner_a.prm_stage = "suspended"
        self.segment.action_sync()
        self.assertEqual(self._emails(opted_out=True), {"lan@a.example"})
        self.assertEqual(self._emails(opted_out=False), set())
        self.partner_a.prm_stage = "active"
        self.segment.action_sync()
        self.assertEqual(self._emails(opted_out=True), {"lan@a.example"})

    def test_existing_mailing_contact_reused(self):
        known = self.env["mailing.contact"].create(
            {"name": "Lan (imported)", "email": "Lan@A.example"}
        )
        self.segment.action_sync()
        self.assertIn(known, self.mailing_list.subscription_ids.contact_id)
        self.assertEqual(
            self.env["mailing.contact"].search_count(
                [("email_normalized", "=", "lan@a.example")]
            ),
            1,
        )

    def test_sync_queries_do_not_grow_with_partners(self):
        def more_partners(count, prefix):
            partners = self.env["res.partner"]
            for i in range(count):
                partner = self._prm_partner(
                    f"{prefix} {i}",
                    prm_stage="active",
                    prm_tier_id=self.tier.id,
                    prm_territory_ids=[Command.set(self.hanoi.ids)],
                    email=f"{prefix.lower()}{i}@segment.example",
                    child_ids=[
                        Command.create(
                            {
                                "name": "Sales",
                                "email": f"sales{i}@{prefix.lower()}.example",
                            }
                        )
                    ],
                )
                partners |= partner
            return partners

        # Each synchronisation at a second of its own: one in the same second
        # as the one before leaves date_sync as it is and sends no UPDATE, so
        # the count would depend on the clock (18 or 19 queries).
        with freeze_time("2026-05-04 08:00:00"):
            self.segment.action_sync()  # warm up
        more_partners(1, "Small")
        with freeze_time("2026-05-04 09:00:00"):
            expected = self._prm_query_count(self.segment._prm_sync)
        more_partners(6, "Large")
        self.env.invalidate_all()
        with freeze_time("2026-05-04 10:00:00"), self.assertQueryCount(expected):
            self.segment._prm_sync()
        self.assertEqual(self.segment.date_sync, datetime(2026, 5, 4, 10, 0))
        self.assertEqual(len(self._emails()), 2 + 2 + 12)

    def test_sync_rights(self):
        with self.assertRaises(AccessError):
            self.segment.with_user(self.prm_user).action_sync()
        with self.assertRaises(AccessError):
            self.mailing_list.with_user(self.salesman).action_prm_sync_segment()
        self.segment.with_user(self.manager).action_sync()
        self.assertTrue(self._emails())
