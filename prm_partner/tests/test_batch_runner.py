# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The batch runner of the crons, and the tier evaluation cron on it.

``TestBatchRunner`` runs in the test's transaction (the runner commits
nothing there). ``TestBatchRunnerCommits`` needs real transactions: two
workers at once, a run killed after its first chunk, a user editing a
partner during the run. Its records are committed through cursors of their
own and deleted again after each test.
"""

import threading
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import PrmCase

JOB = "prm_partner.tier_evaluation"


@tagged("post_install", "-at_install")
class TestBatchRunner(PrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"Batch Item {index}"} for index in range(5)]
        )
        cls.Runner = cls.env["prm.batch.runner"]
        cls.env["ir.config_parameter"].sudo().set_param("test.batch.chunk_size", "2")

    def _domain(self):
        return [("id", "in", self.partners.ids), ("ref", "=", False)]

    def test_chunks_every_record_once(self):
        chunks = []

        def process(records, started):
            chunks.append(records.ids)
            records.write({"ref": "done"})
            return len(records)

        summary = self.Runner._prm_batch_run(
            "test.batch", self.env["res.partner"], self._domain(), process
        )
        self.assertEqual([len(chunk) for chunk in chunks], [2, 2, 1])
        self.assertEqual(sorted(sum(chunks, [])), sorted(self.partners.ids))
        self.assertEqual(set(self.partners.mapped("ref")), {"done"})
        self.assertEqual(
            (summary.done, summary.changed, summary.failed, summary.remaining),
            (5, 5, 0, 0),
        )
        # the run is complete: the next one starts afresh
        self.assertFalse(
            self.env["ir.config_parameter"].sudo().get_param("test.batch.run_start")
        )

    def test_failed_record_keeps_the_others_of_its_chunk(self):
        bad = self.partners[1]

        def process(records, started):
            for record in records:
                record.ref = "done"
                if record == bad:
                    raise ValueError("broken record")
            return len(records)

        with self.assertLogs(
            "odoo.addons.prm_partner.models.prm_batch_runner", "WARNING"
        ) as logs:
            summary = self.Runner._prm_batch_run(
                "test.batch", self.env["res.partner"], self._domain(), process
            )
        self.assertEqual((self.partners - bad).mapped("ref"), ["done"] * 4)
        self.assertFalse(bad.ref)
        self.assertEqual((summary.done, summary.failed), (4, 1))
        self.assertEqual(summary.failed_ids, {bad.id})
        failures = [line for line in logs.output if "broken record" in line]
        self.assertEqual(len(failures), 1)
        self.assertIn(f"Batch job failed on {bad}", failures[0])

    def test_tier_cron_in_chunks_keeps_its_queries_per_chunk(self):
        """The queries of a chunk do not grow with its size."""
        params = self.env["ir.config_parameter"].sudo()
        small = self.env["res.partner"]
        large = self.env["res.partner"]
        for index in range(9):
            partner = self._prm_partner(f"Chunked Partner {index}")
            if index < 3:
                small |= partner
            else:
                large |= partner
        Partner = self.env["res.partner"].with_company(self.company)
        params.set_param(f"{JOB}.chunk_size", "3")
        queries_small = self._prm_query_count(
            Partner._cron_evaluate_tiers, [("id", "in", small.ids)]
        )
        params.set_param(f"{JOB}.chunk_size", "6")
        with self.assertQueryCount(queries_small):
            self.env.invalidate_all()
            summary = Partner._cron_evaluate_tiers([("id", "in", large.ids)])
        self.assertEqual((summary.done, summary.chunks), (6, 1))
        self.assertEqual(set((small | large).mapped("prm_tier_id")), {self.tier_gold})
        # evaluated today: a second run the same day has nothing to do
        again = Partner._cron_evaluate_tiers([("id", "in", (small | large).ids)])
        self.assertEqual((again.done, again.remaining), (0, 0))


class Killed(BaseException):
    """A worker killed in the middle of a run (no ``except Exception`` catches it)."""


@tagged("post_install", "-at_install")
class TestBatchRunnerCommits(TransactionCase):
    SIZE = 12

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.ref("base.main_company")
            self.tier = env["prm.tier"].create(
                {"name": "Batch Test Registered", "rank": 0, "company_id": company.id}
            )
            self.partner_ids = (
                env["res.partner"]
                .create(
                    [
                        {
                            "name": f"Batch Test Partner {index:02d}",
                            "is_company": True,
                            "prm_is_partner": True,
                            "prm_partner_type": "reseller",
                            "company_id": company.id,
                        }
                        for index in range(self.SIZE)
                    ]
                )
                .ids
            )
            env["ir.config_parameter"].set_param(f"{JOB}.chunk_size", "3")
        self.addCleanup(self._cleanup)

    def _env(self, cr, **context):
        return api.Environment(cr, SUPERUSER_ID, dict(DISABLED_MAIL_CONTEXT, **context))

    def _cleanup(self):
        with self.registry.cursor() as cr:
            # the program's history outlives a partner: it goes first
            for table in ("prm_tier_history", "prm_stage_history"):
                cr.execute(
                    SQL(
                        "DELETE FROM %s WHERE partner_id = ANY(%s)",
                        SQL.identifier(table),
                        self.partner_ids,
                    )
                )
            cr.execute(
                "DELETE FROM ir_config_parameter WHERE key IN %s",
                [(f"{JOB}.chunk_size", f"{JOB}.run_start")],
            )
            env = self._env(cr)
            env["res.partner"].browse(self.partner_ids).unlink()
            self.tier.with_env(env).unlink()

    def _run_cron(self):
        """The tier cron in a transaction of its own, committing per chunk."""
        with self.registry.cursor() as cr:
            # a wait for a lock would be a bug: fail instead of hanging
            cr.execute("SET lock_timeout = '20s'")
            env = self._env(cr, prm_batch_commit=True)
            return env["res.partner"]._cron_evaluate_tiers(
                [("id", "in", self.partner_ids)]
            )

    def _history_counts(self):
        """Partner id -> number of tier history rows, and the partners not
        stamped as evaluated, read from committed data."""
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT p.id, count(h.id), bool_and(p.prm_tier_evaluated_on IS NULL)
                     FROM res_partner p
                LEFT JOIN prm_tier_history h ON h.partner_id = p.id
                    WHERE p.id = ANY(%s)
                 GROUP BY p.id""",
                [self.partner_ids],
            )
            rows = cr.fetchall()
        return {row[0]: row[1] for row in rows}, {row[0] for row in rows if row[2]}

    def _run_start(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT value FROM ir_config_parameter WHERE key = %s",
                [f"{JOB}.run_start"],
            )
            return cr.fetchone()

    def test_two_workers_at_once_evaluate_each_partner_once(self):
        Partner = type(self.env["res.partner"])
        original = Partner._prm_tier_run_chunk
        # both workers hold their first chunk at the same moment, so the
        # second must skip the rows the first has locked
        meet = threading.Barrier(2, timeout=60)
        first_chunk = threading.local()

        def run_chunk(partners, chunk, started):
            result = original(partners, chunk, started)
            if not getattr(first_chunk, "seen", False):
                first_chunk.seen = True
                meet.wait()
            return result

        summaries, errors = {}, []

        def worker(name):
            try:
                summaries[name] = self._run_cron()
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(error)
                meet.abort()

        with patch.object(Partner, "_prm_tier_run_chunk", run_chunk):
            threads = [threading.Thread(target=worker, args=(n,)) for n in "AB"]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        self.assertFalse(errors)
        first, second = summaries["A"], summaries["B"]
        self.assertTrue(first.ids and second.ids, "both workers took chunks")
        self.assertFalse(first.ids & second.ids)
        self.assertEqual(first.ids | second.ids, set(self.partner_ids))
        self.assertEqual(first.done + second.done, self.SIZE)
        counts, not_stamped = self._history_counts()
        self.assertEqual(counts, dict.fromkeys(self.partner_ids, 1))
        self.assertFalse(not_stamped)
        self.assertIsNone(self._run_start())

    def test_killed_run_resumes_without_redoing(self):
        Partner = type(self.env["res.partner"])
        original = Partner._prm_tier_run_chunk
        calls = []

        def run_chunk(partners, chunk, started):
            calls.append(chunk.ids)
            if len(calls) == 2:
                raise Killed()
            return original(partners, chunk, started)

        with patch.object(Partner, "_prm_tier_run_chunk", run_chunk):
            with self.assertRaises(Killed):
                self._run_cron()
        counts, not_stamped = self._history_counts()
        self.assertEqual(sum(counts.values()), 3, "the first chunk is committed")
        self.assertEqual(len(not_stamped), self.SIZE - 3)
        started = self._run_start()
        self.assertTrue(started, "the run is not complete")

        summary = self._run_cron()
        self.assertEqual((summary.done, summary.remaining), (self.SIZE - 3, 0))
        self.assertFalse(set(calls[0]) & summary.ids)
        counts, not_stamped = self._history_counts()
        self.assertEqual(counts, dict.fromkeys(self.partner_ids, 1))
        self.assertFalse(not_stamped)
        self.assertIsNone(self._run_start())

    def test_user_edit_during_the_run_rolls_nothing_back(self):
        edited = self.partner_ids[4]
        with self.registry.cursor() as user_cr:
            # a user saving the partner: its row stays locked until commit
            user_cr.execute(
                "UPDATE res_partner SET comment = 'edited by hand' WHERE id = %s",
                [edited],
            )
            summary = self._run_cron()
            self.assertEqual((summary.done, summary.remaining), (self.SIZE - 1, 1))
            self.assertNotIn(edited, summary.ids)
            user_cr.commit()
        counts, not_stamped = self._history_counts()
        self.assertEqual(not_stamped, {edited})
        self.assertTrue(self._run_start(), "the run waits for the edited partner")
        summary = self._run_cron()
        self.assertEqual(summary.ids, {edited})
        counts, not_stamped = self._history_counts()
        self.assertEqual(counts, dict.fromkeys(self.partner_ids, 1))
        self.assertFalse(not_stamped)
        with self.registry.cursor() as cr:
            cr.execute("SELECT comment FROM res_partner WHERE id = %s", [edited])
            self.assertEqual(cr.fetchone()[0], "edited by hand")
        self.assertIsNone(self._run_start())
