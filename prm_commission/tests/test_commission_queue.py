# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The commission queue of large confirmations: more orders than the
threshold confirmed in one call are queued and computed by the cron, with
the same lines as a confirmation computed at once; a small confirmation
keeps its lines at once."""

from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CommissionCase

THRESHOLD = 3
RUNNER_LOGGER = "odoo.addons.prm_partner.models.prm_batch_runner"


class Killed(BaseException):
    """A worker killed in the middle of a run (no ``except Exception`` catches it)."""


@tagged("post_install", "-at_install")
class TestCommissionQueue(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rule(name="Everyone", rate=5.0)
        cls._rule(
            name="Hardware margin",
            rate=20.0,
            compute_mode="percent_margin",
            categ_ids=cls.categ_hw.ids,
        )
        params = cls.env["ir.config_parameter"]
        params.set_param("prm_commission.queue_threshold", str(THRESHOLD))
        params.set_param("prm_commission.order_queue.chunk_size", "2")
        cls.cron = cls.env.ref("prm_commission.ir_cron_prm_commission_order_queue")
        cls.SaleOrder = type(cls.env["sale.order"])

    def _quotations(self, count):
        """``count`` quotations of the salesperson, alternating the partners."""
        orders = self.env["sale.order"]
        for index in range(count):
            orders |= self._order(
                self.partner_gold if index % 2 else self.partner_silver,
                lines=[
                    (self.server, 1 + index, 1000.0),
                    (self.license, 2, 100.0),
                ],
                confirm=False,
                user_id=self.salesman.id,
            )
        return orders.with_user(self.salesman)

    def _signature(self, orders):
        """The commission lines of ``orders``, order by order, without ids."""
        return [
            sorted(
                (
                    line.partner_id.id,
                    line.product_id.id,
                    line.kind,
                    line.state,
                    line.base_amount,
                    line.rate,
                    line.amount,
                )
                for line in self._lines(order)
            )
            for order in orders
        ]

    def _pending(self, orders):
        orders.invalidate_recordset(["prm_commission_pending"])
        return orders.sudo().filtered("prm_commission_pending")

    def _run_cron(self):
        return self.env["sale.order"]._cron_prm_commission_queue()

    def test_small_confirmation_writes_lines_at_once(self):
        orders = self._quotations(THRESHOLD)
        orders.action_confirm()
        self.assertFalse(self._pending(orders))
        self.assertTrue(all(self._signature(orders)))

    def test_large_confirmation_is_queued_then_computed_as_at_once(self):
        at_once = self._quotations(THRESHOLD + 2)
        queued = self._quotations(THRESHOLD + 2)
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        queued.action_confirm()
        self.assertEqual(self._pending(queued), queued)
        self.assertFalse(self.Line.search_count([("order_id", "in", queued.ids)]))
        # the cron is woken up at once, not at its next hourly run
        new = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        self.assertGreater(len(new), len(triggers))

        self.env["ir.config_parameter"].set_param(
            "prm_commission.queue_threshold", "100"
        )
        at_once.action_confirm()
        self.assertFalse(self._pending(at_once))
        expected = self._signature(at_once)
        self.assertTrue(all(expected))

        summary = self._run_cron()
        self.assertEqual(summary.done, len(queued))
        self.assertEqual(summary.chunks, 3)
        self.assertFalse(self._pending(queued))
        self.assertEqual(self._signature(queued), expected)
        # nothing left: a second run does nothing and duplicates nothing
        self.assertEqual(self._run_cron().done, 0)
        self.assertEqual(self._signature(queued), expected)

    def test_settings_saved_unchanged_keep_the_threshold(self):
        admin = self.env.ref("base.user_admin")
        settings = self.env["res.config.settings"].with_user(admin).create({})
        self.assertEqual(settings.prm_commission_queue_threshold, THRESHOLD)
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("prm_commission.queue_threshold"), "3")
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].with_user(admin).create(
                {"prm_commission_queue_threshold": -1}
            ).execute()

    def test_users_cannot_take_an_order_out_of_the_queue(self):
        orders = self._quotations(THRESHOLD + 1)
        orders.action_confirm()
        for flag in (False, True):
            with self.assertRaises(AccessError):
                orders[0].write({"prm_commission_pending": flag})
        self.assertEqual(self._pending(orders), orders)

    def test_sync_is_idempotent(self):
        orders = self._quotations(2)
        orders.action_confirm()
        lines = self.Line.search([("order_id", "in", orders.ids)])
        orders.sudo()._prm_commission_sync()
        orders.sudo()._prm_commission_sync()
        self.assertEqual(self.Line.search([("order_id", "in", orders.ids)]), lines)

    def test_killed_run_leaves_the_rest_queued(self):
        queued = self._quotations(THRESHOLD + 3)
        queued.action_confirm()
        original = self.SaleOrder._prm_commission_sync
        calls = []

        def sync(orders):
            calls.append(orders.ids)
            if len(calls) == 2:
                # killed in the middle of the chunk: half of it computed
                original(orders[:1])
                raise Killed()
            return original(orders)

        # not assertRaises: its savepoint would roll back the first chunk too
        killed = False
        with patch.object(self.SaleOrder, "_prm_commission_sync", sync):
            try:
                self._run_cron()
            except Killed:
                killed = True
        self.assertTrue(killed)
        done = queued.browse(calls[0])
        self.assertEqual(self._pending(queued), queued - done)
        self.assertEqual(
            set(self.Line.search([("order_id", "in", queued.ids)]).order_id.ids),
            set(calls[0]),
            "the chunk killed midway left no line",
        )
        summary = self._run_cron()
        self.assertEqual(summary.done, len(queued) - len(done))
        self.assertFalse(self._pending(queued))
        # the same lines as at once, none twice
        self.env["ir.config_parameter"].set_param(
            "prm_commission.queue_threshold", "100"
        )
        at_once = self._quotations(THRESHOLD + 3)
        at_once.action_confirm()
        self.assertEqual(self._signature(queued), self._signature(at_once))

    def test_failing_order_stays_queued(self):
        queued = self._quotations(THRESHOLD + 1)
        queued.action_confirm()
        bad = queued[1]
        original = self.SaleOrder._prm_commission_sync

        def sync(orders):
            if bad in orders:
                raise ValueError("broken order")
            return original(orders)

        with patch.object(self.SaleOrder, "_prm_commission_sync", sync):
            with self.assertLogs(RUNNER_LOGGER, "WARNING"):
                summary = self._run_cron()
        self.assertEqual(summary.failed, 1)
        self.assertEqual(self._pending(queued), bad)
        self.assertFalse(self._lines(bad))
        self.assertTrue(all(self._signature(queued - bad)))
        self._run_cron()
        self.assertFalse(self._pending(queued))
        self.assertTrue(self._lines(bad))

    def test_cancel_and_partner_change_of_a_queued_order(self):
        queued = self._quotations(THRESHOLD + 2)
        queued.action_confirm()
        cancelled, moved = queued[0], queued[1]
        cancelled.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(cancelled.state, "cancel")
        self.assertFalse(self._pending(cancelled))
        self.assertFalse(self._lines(cancelled))
        other = (self.partner_gold | self.partner_silver) - moved.prm_partner_id
        moved.prm_partner_id = other
        self.assertFalse(self._pending(moved), "computed with the change")
        moved_lines = self._lines(moved)
        self.assertEqual(moved_lines.partner_id, moved.prm_partner_id)
        summary = self._run_cron()
        self.assertEqual(summary.done, len(queued) - 2)
        self.assertFalse(self._pending(queued))
        self.assertFalse(self._lines(cancelled))
        self.assertEqual(self._lines(moved), moved_lines)
