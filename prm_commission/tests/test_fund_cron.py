# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .fund_common import FundCase


@tagged("post_install", "-at_install")
class TestFundCrons(FundCase):
    """Expiry and reminders of the fund requests, batch-first: the query
    count of each cron does not grow with the number of requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_gold.email = "gold@reseller.example"
        with freeze_time("2026-03-10"):
            cls.small = cls.env["prm.fund.request"]
            cls.large = cls.env["prm.fund.request"]
            for _i in range(2):
                cls.small |= cls._approved(amount=100.0)
            for _i in range(8):
                cls.large |= cls._approved(amount=100.0)
            cls.claimed = cls._approved(amount=100.0)
            cls._claim(cls.claimed)
            # ends later: neither expires nor is reminded on the same days
            cls.later = cls._approved(amount=100.0, date_end=datetime.date(2026, 6, 30))

    def _count(self, method, requests, today):
        """Queries of ``method`` when only ``requests`` are due."""
        others = self.small | self.large
        others -= requests
        others.write({"date_end": datetime.date(2026, 9, 1)})
        requests.write({"date_end": datetime.date(2026, 3, 2)})
        done = {}
        count = self._prm_query_count(lambda: done.update(records=method(today=today)))
        self.assertEqual(done["records"], requests)
        return count

    def test_expiry_batch_and_mail(self):
        Request = self.env["prm.fund.request"]
        self.assertEqual(self.small[0].claim_deadline, datetime.date(2026, 4, 1))
        # on the deadline nothing expires yet
        with freeze_time("2026-04-01"):
            self.assertFalse(Request._cron_expire())
        small = self._count(Request._cron_expire, self.small, datetime.date(2026, 4, 2))
        self.small.write({"state": "approved"})
        self.env.flush_all()
        self.env.invalidate_all()
        self.large.write({"date_end": datetime.date(2026, 3, 2)})
        self.small.write({"date_end": datetime.date(2026, 9, 1)})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            Request._cron_expire(today=datetime.date(2026, 4, 2))
            self.env.flush_all()
        self.assertEqual(set(self.large.mapped("state")), {"expired"})
        self.assertEqual(self.claimed.state, "approved", "it has a claim")
        self.assertEqual(self.later.state, "approved")
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "prm.fund.request"),
                ("res_id", "in", self.large.ids),
                ("subject", "ilike", "has expired"),
            ]
        )
        self.assertEqual(len(mails), 8)
        self.assertEqual(mails.recipient_ids, self.partner_gold)
        # the money of expired requests goes back to the budget
        self.assertEqual(self.budget.requested_amount, 400.0)

    def test_reminder_once_and_batch(self):
        Request = self.env["prm.fund.request"]
        # deadline 01/04; reminders 7 days before
        with freeze_time("2026-03-24"):
            self.assertFalse(Request._cron_remind())
        small = self._count(
            Request._cron_remind, self.small, datetime.date(2026, 3, 26)
        )
        self.large.write({"date_end": datetime.date(2026, 3, 2)})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            Request._cron_remind(today=datetime.date(2026, 3, 26))
            self.env.flush_all()
        self.assertTrue(all(self.large.mapped("reminder_sent")))
        self.assertFalse(self.claimed.reminder_sent, "it was claimed")
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "prm.fund.request"),
                ("res_id", "in", self.large.ids),
                ("subject", "ilike", "Claim your funds"),
            ]
        )
        self.assertEqual(len(mails), 8)
        # once per request
        self.assertFalse(Request._cron_remind(today=datetime.date(2026, 3, 27)))
