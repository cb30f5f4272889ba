# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two partners register the same customer at the same moment, in two
database transactions: exactly one holds the customer."""

import threading
import time
import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from .common import ParallelCase


@tagged("post_install", "-at_install")
class TestConcurrentRegistrations(ParallelCase):
    def setUp(self):
        super().setUp()
        self.token = uuid.uuid4().hex[:10]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Concurrent {who} {self.token}",
                        "is_company": True,
                        "prm_is_partner": True,
                        "prm_stage": "active",
                    }
                    for who in ("A", "B")
                ]
            )
            self.partner_ids = partners.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # committed test data: close the registrations, drop the history
            # that otherwise protects the partners from deletion
            registrations = env["prm.deal.registration"].search(
                [("partner_id", "in", self.partner_ids)]
            )
            registrations.write({"state": "rejected"})
            registrations.unlink()
            env["prm.stage.history"].search(
                [("partner_id", "in", self.partner_ids)]
            ).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()

    def _values(self, partner_id):
        return {
            "partner_id": partner_id,
            "customer_name": f"Simultaneous Customer {self.token}",
            "customer_vat": f"VN{int(self.token, 16) % 10**10:010d}",
            "customer_email": f"buyer@{self.token}.example",
        }

    def test_exactly_one_registration_holds_the_customer(self):
        env1, env2, pid2 = self._two_transactions()

        first = env1["prm.deal.registration"].create(self._values(self.partner_ids[0]))
        self.assertTrue(first.claim_active)
        self.assertFalse(first.conflict_ids, "the second one is not committed yet")

        outcome = {}

        def register_second():
            try:
                second = env2["prm.deal.registration"].create(
                    self._values(self.partner_ids[1])
                )
                outcome.update(
                    id=second.id,
                    claim=second.claim_active,
                    state=second.state,
                    kinds=second.conflict_ids.mapped("kind"),
                )
                env2.cr.commit()
            except Exception as exc:  # noqa: BLE001 - reported to the test
                outcome["error"] = exc

        thread = threading.Thread(target=register_second)
        thread.start()
        # The second transaction's claim waits on the first one's index entry.
        deadline = time.monotonic() + 30
        while not self._waiting_locks(pid2) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertTrue(self._waiting_locks(pid2), "second claim should be waiting")
        self.assertTrue(thread.is_alive())
        env1.cr.commit()
        thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("error", outcome, outcome.get("error"))
        self.assertFalse(outcome["claim"])
        self.assertEqual(outcome["state"], "under_review")
        self.assertEqual(outcome["kinds"], ["concurrent"])

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            regs = env["prm.deal.registration"].search(
                [("partner_id", "in", self.partner_ids)]
            )
            self.assertEqual(len(regs), 2)
            self.assertEqual(regs.filtered("claim_active"), first.with_env(env))
            # Checking again, the reviewer now sees the winning registration.
            second = regs - first.with_env(env)
            second.action_recheck_conflicts()
            self.assertEqual(second.conflict_ids.other_registration_id.id, first.id)
            self.assertEqual(second.conflict_ids.score, 100)
