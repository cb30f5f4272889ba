# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The engagement cron on the batch runner, in real transactions: a run
killed after its first chunk resumes with the partners left and scores none
twice. Its records are committed through cursors of their own and deleted
again after the test."""

import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

JOB = "prm_portal.engagement"


class Killed(BaseException):
    """A worker killed in the middle of a run (no ``except Exception`` catches it)."""


@tagged("post_install", "-at_install")
class TestEngagementCronResumes(TransactionCase):
    SIZE = 7

    def setUp(self):
        super().setUp()
        token = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.partner_ids = (
                env["res.partner"]
                .create(
                    [
                        {
                            "name": f"Engagement Batch {token} {index}",
                            "is_company": True,
                            "prm_is_partner": True,
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
            cr.execute(
                "DELETE FROM ir_config_parameter WHERE key IN %s",
                [(f"{JOB}.chunk_size", f"{JOB}.run_start")],
            )
            for table in ("prm_stage_history", "prm_tier_history"):
                cr.execute(
                    f"DELETE FROM {table} WHERE partner_id = ANY(%s)",  # noqa: S608
                    [self.partner_ids],
                )
            self._env(cr)["res.partner"].browse(self.partner_ids).unlink()

    def _run_cron(self):
        with self.registry.cursor() as cr:
            cr.execute("SET lock_timeout = '20s'")
            env = self._env(cr, prm_batch_commit=True)
            return env["res.partner"]._cron_prm_engagement()

    def _scored(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM res_partner WHERE id = ANY(%s) "
                "AND prm_engagement_date IS NOT NULL",
                [self.partner_ids],
            )
            return {row[0] for row in cr.fetchall()}

    def test_killed_run_resumes_without_redoing(self):
        Partner = type(self.env["res.partner"])
        original = Partner._prm_refresh_engagement
        calls = []

        def refresh(partners, today=None):
            calls.append(set(partners.ids) & set(self.partner_ids))
            if len(calls) == 2:
                original(partners[:1], today)
                raise Killed()
            return original(partners, today)

        with patch.object(Partner, "_prm_refresh_engagement", refresh):
            with self.assertRaises(Killed):
                self._run_cron()
            self.assertEqual(self._scored(), calls[0], "the first chunk is committed")
            self.assertEqual(len(calls[0]), 3)
            summary = self._run_cron()
        self.assertFalse(calls[0] & set().union(*calls[2:]), "nothing redone")
        self.assertEqual(summary.done, self.SIZE - 3)
        self.assertEqual(summary.remaining, 0)
        self.assertEqual(self._scored(), set(self.partner_ids))
