# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly settlement cron under several workers: two workers at once
settle each partner exactly once, and a run killed after its first chunk
resumes with the partners left. Its records are committed through cursors
of their own and deleted again after each test."""

import datetime
import threading
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.prm_partner.logic import dates

JOB = "prm_commission.settle_month"
WIZARD = "prm.commission.settlement.wizard"


class Killed(BaseException):
    """A worker killed in the middle of a run (no ``except Exception`` catches it)."""


@tagged("post_install", "-at_install")
class TestSettlementBatch(TransactionCase):
    SIZE = 6

    def setUp(self):
        super().setUp()
        token = uuid.uuid4().hex[:8]
        first = dates.period_bounds(fields.Date.today(), "month")[0]
        self.month = dates.period_bounds(first - datetime.timedelta(days=1), "month")
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.ref("base.main_company")
            partners = env["res.partner"].create(
                [
                    {"name": f"Settle Batch {token} {index}", "is_company": True}
                    for index in range(self.SIZE)
                ]
            )
            lines = env["prm.commission.line"].create(
                [
                    {
                        "partner_id": partner.id,
                        "source_key": f"test-settle-batch-{token}-{partner.id}-{day}",
                        "currency_id": company.currency_id.id,
                        "company_id": company.id,
                        "amount": 10.0 + day,
                        "state": "confirmed",
                        "date": self.month[0] + datetime.timedelta(days=day),
                    }
                    for partner in partners
                    for day in (0, 5)
                ]
            )
            self.partner_ids = partners.ids
            self.line_ids = lines.ids
            env["ir.config_parameter"].set_param(f"{JOB}.chunk_size", "2")
        self.addCleanup(self._cleanup)

    def _env(self, cr, **context):
        return api.Environment(cr, SUPERUSER_ID, dict(DISABLED_MAIL_CONTEXT, **context))

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT settlement_id FROM prm_commission_line WHERE id = ANY(%s)",
                [self.line_ids],
            )
            settlement_ids = [row[0] for row in cr.fetchall() if row[0]]
            cr.execute(
                "DELETE FROM prm_commission_line WHERE id = ANY(%s)", [self.line_ids]
            )
            cr.execute(
                "DELETE FROM prm_commission_settlement WHERE id = ANY(%s)",
                [settlement_ids],
            )
            cr.execute(
                "DELETE FROM ir_config_parameter WHERE key IN %s",
                [(f"{JOB}.chunk_size", f"{JOB}.run_start")],
            )
            self._env(cr)["res.partner"].browse(self.partner_ids).unlink()

    def _run_cron(self):
        """The cron in a transaction of its own, committing per chunk."""
        with self.registry.cursor() as cr:
            # a wait for a lock would be a bug: fail instead of hanging
            cr.execute("SET lock_timeout = '20s'")
            env = self._env(cr, prm_batch_commit=True)
            return env[WIZARD]._cron_settle_previous_month().ids

    def _settled(self):
        """Committed data: partner id -> [settlement references], and the
        lines not settled."""
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT s.partner_id, s.name, s.date_from
                     FROM prm_commission_settlement s
                    WHERE s.partner_id = ANY(%s)""",
                [self.partner_ids],
            )
            rows = cr.fetchall()
            cr.execute(
                """SELECT id FROM prm_commission_line
                    WHERE id = ANY(%s)
                      AND (settlement_id IS NULL OR state != 'settled')""",
                [self.line_ids],
            )
            open_lines = {row[0] for row in cr.fetchall()}
        by_partner = {}
        for partner_id, name, date_from in rows:
            self.assertEqual(date_from, self.month[0])
            by_partner.setdefault(partner_id, []).append(name)
        return by_partner, open_lines

    def test_two_workers_at_once_settle_each_partner_once(self):
        Wizard = type(self.env[WIZARD])
        original = Wizard._prm_settle_run_chunk
        # both workers hold their first chunk at the same moment, so the
        # second must skip the partners the first has locked
        meet = threading.Barrier(2, timeout=60)
        local = threading.local()

        def run_chunk(wizard, partners, started, settlements):
            result = original(wizard, partners, started, settlements)
            if not getattr(local, "seen", False):
                local.seen = True
                local.first = set(partners.ids)
                meet.wait()
            return result

        firsts, errors = {}, []

        def worker(name):
            try:
                self._run_cron()
                firsts[name] = local.first
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(error)
                meet.abort()

        with patch.object(Wizard, "_prm_settle_run_chunk", run_chunk):
            threads = [threading.Thread(target=worker, args=(n,)) for n in "AB"]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        self.assertFalse(errors)
        self.assertEqual(len(firsts), 2, "both workers took a chunk")
        self.assertFalse(firsts["A"] & firsts["B"], "never the same partner")
        by_partner, open_lines = self._settled()
        self.assertFalse(open_lines)
        self.assertEqual(set(by_partner), set(self.partner_ids))
        self.assertEqual([len(names) for names in by_partner.values()], [1] * self.SIZE)
        # the references the two workers drew from the sequence are distinct
        names = [name for names in by_partner.values() for name in names]
        self.assertEqual(len(set(names)), self.SIZE)

    def test_killed_run_resumes_with_the_partners_left(self):
        Wizard = type(self.env[WIZARD])
        original = Wizard._prm_settle_run_chunk
        calls = []

        def run_chunk(wizard, partners, started, settlements):
            calls.append(set(partners.ids) & set(self.partner_ids))
            if len(calls) == 2:
                # killed in the middle of the chunk: half of it written
                original(wizard, partners[:1], started, settlements)
                raise Killed()
            return original(wizard, partners, started, settlements)

        with patch.object(Wizard, "_prm_settle_run_chunk", run_chunk):
            with self.assertRaises(Killed):
                self._run_cron()
        by_partner, open_lines = self._settled()
        self.assertEqual(set(by_partner), calls[0], "the first chunk is committed")
        self.assertEqual(len(open_lines), 2 * (self.SIZE - len(calls[0])))

        with patch.object(Wizard, "_prm_settle_run_chunk", run_chunk):
            self._run_cron()
        self.assertFalse(calls[0] & set().union(*calls[2:]), "nothing redone")
        by_partner, open_lines = self._settled()
        self.assertFalse(open_lines)
        self.assertEqual(
            {partner: len(names) for partner, names in by_partner.items()},
            dict.fromkeys(self.partner_ids, 1),
        )
