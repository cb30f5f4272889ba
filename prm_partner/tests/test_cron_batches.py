# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The certification cron on the batch runner, in real transactions: a run
killed after its first chunk resumes with the certifications left and
notifies none twice. Its records are committed through cursors of their own
and deleted again after the test."""

import datetime
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

JOB = "prm_partner.certification_states"


class Killed(BaseException):
    """A worker killed in the middle of a run (no ``except Exception`` catches it)."""


@tagged("post_install", "-at_install")
class TestCertificationCronResumes(TransactionCase):
    SIZE = 7

    def setUp(self):
        super().setUp()
        token = uuid.uuid4().hex[:8]
        issued = fields.Date.today() - datetime.timedelta(days=800)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            cert_type = env["prm.certification.type"].create(
                {"name": f"Batch Cert {token}", "validity_months": 12}
            )
            partner = env["res.partner"].create(
                {"name": f"Batch Cert Partner {token}", "is_company": True}
            )
            contacts = env["res.partner"].create(
                [
                    {"name": f"Batch Cert {token} {i}", "parent_id": partner.id}
                    for i in range(self.SIZE)
                ]
            )
            certs = env["prm.certification"].create(
                [
                    {
                        "partner_id": partner.id,
                        "contact_id": contact.id,
                        "type_id": cert_type.id,
                        "issue_date": issued,
                    }
                    for contact in contacts
                ]
            )
            # in force as of their last run, long ago
            env.flush_all()
            cr.execute(
                "UPDATE prm_certification SET state = 'valid' WHERE id = ANY(%s)",
                [certs.ids],
            )
            env["ir.config_parameter"].set_param(f"{JOB}.chunk_size", "3")
            self.type_id = cert_type.id
            self.partner_ids = [partner.id, *contacts.ids]
            self.cert_ids = certs.ids
        self.addCleanup(self._cleanup)

    def _env(self, cr, **context):
        return api.Environment(cr, SUPERUSER_ID, dict(DISABLED_MAIL_CONTEXT, **context))

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'prm.certification' "
                "AND res_id = ANY(%s)",
                [self.cert_ids],
            )
            cr.execute(
                "DELETE FROM prm_certification WHERE id = ANY(%s)", [self.cert_ids]
            )
            cr.execute(
                "DELETE FROM ir_config_parameter WHERE key IN %s",
                [(f"{JOB}.chunk_size", f"{JOB}.run_start")],
            )
            env = self._env(cr)
            env["res.partner"].browse(self.partner_ids[::-1]).unlink()
            env["prm.certification.type"].browse(self.type_id).unlink()

    def _run_cron(self):
        with self.registry.cursor() as cr:
            cr.execute("SET lock_timeout = '20s'")
            env = self._env(cr, prm_batch_commit=True)
            return env["prm.certification"]._cron_update_states()

    def _states(self):
        """Committed data: cert id -> (state, notifications logged on it)."""
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT c.id, c.state, count(m.id)
                     FROM prm_certification c
                LEFT JOIN mail_message m
                       ON m.model = 'prm.certification' AND m.res_id = c.id
                    WHERE c.id = ANY(%s)
                 GROUP BY c.id, c.state""",
                [self.cert_ids],
            )
            return {row[0]: (row[1], row[2]) for row in cr.fetchall()}

    def test_killed_run_resumes_without_redoing(self):
        Cert = type(self.env["prm.certification"])
        original = Cert._prm_update_states
        calls = []

        def update_states(certs, today):
            calls.append(set(certs.ids) & set(self.cert_ids))
            if len(calls) == 2:
                original(certs[:1], today)
                raise Killed()
            return original(certs, today)

        with patch.object(Cert, "_prm_update_states", update_states):
            with self.assertRaises(Killed):
                self._run_cron()
            states = self._states()
            done = {cert for cert, (state, _n) in states.items() if state == "expired"}
            self.assertEqual(done, calls[0], "the first chunk is committed")
            self.assertEqual(len(done), 3)
            notified = {states[cert][1] for cert in done}
            self.assertEqual(len(notified), 1)
            self.assertGreater(min(notified), 0, "each one notified")

            changes = self._run_cron()
        self.assertFalse(calls[0] & set().union(*calls[2:]), "nothing redone")
        self.assertEqual(
            set(changes["expired"].ids) & set(self.cert_ids),
            set(self.cert_ids) - calls[0],
        )
        states = self._states()
        self.assertEqual(
            set(states.values()), {("expired", notified.pop())}, "notified once"
        )
