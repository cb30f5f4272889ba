# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.prm_partner import access
from odoo.addons.prm_partner.logic import batch

# More orders than this confirmed in one call: their commissions are queued
QUEUE_THRESHOLD_PARAM = "prm_commission.queue_threshold"
DEFAULT_QUEUE_THRESHOLD = 20
QUEUE_JOB = "prm_commission.order_queue"
QUEUE_CRON = "prm_commission.ir_cron_prm_commission_order_queue"
QUEUE_CHUNK_SIZE = 1000


class SaleOrder(models.Model):
    _inherit = "sale.order"

    prm_commission_line_ids = fields.One2many(
        "prm.commission.line", "order_id", string="Commissions"
    )
    prm_commission_count = fields.Integer(
        string="Commission Count", compute="_compute_prm_commission_count"
    )
    prm_commission_pending = fields.Boolean(
        string="Commissions Pending",
        readonly=True,
        copy=False,
        help="The order was confirmed in a large batch: its commission lines "
        "are being computed in the background.",
    )

    @api.depends("prm_commission_line_ids")
    def _compute_prm_commission_count(self):
        groups = self.env["prm.commission.line"]._read_group(
            [("order_id", "in", self.ids)], ["order_id"], ["__count"]
        )
        counts = {order.id: count for order, count in groups}
        for order in self:
            order.prm_commission_count = counts.get(order.id, 0)

    def init(self):
        # only the few pending orders are indexed
        tools.create_index(
            self.env.cr,
            "sale_order_prm_commission_pending_index",
            self._table,
            ["id"],
            where="prm_commission_pending",
        )

    def _prm_commission_plans(self):
        """Confirmed orders grouped by the plan of their channel partner: its
        override, else the plan of the tier stored on the order (the tier of
        the sale's time: a later promotion or demotion changes nothing)."""
        by_company = defaultdict(list)
        for order in self:
            if order.state == "sale" and order.prm_partner_id:
                by_company[order.company_id].append(order.id)
        result = defaultdict(list)
        for company, order_ids in by_company.items():
            orders = self.browse(order_ids)
            partners = orders.prm_partner_id.commercial_partner_id
            overrides = partners._prm_commission_overrides(company)
            # the plan of each tier, looked up once per batch
            tier_plans = {}
            for order in orders:
                plan = overrides.get(order.prm_partner_id.commercial_partner_id.id)
                if not plan:
                    tier = order.prm_tier_id
                    if tier.id not in tier_plans:
                        plan = tier.commission_plan_id
                        if not plan.active or plan.company_id != company:
                            plan = None
                        tier_plans[tier.id] = plan
                    plan = tier_plans[tier.id]
                if plan:
                    result[plan].append(order.id)
        return {plan: self.browse(ids) for plan, ids in result.items()}

    def _prm_commission_sync(self):
        """Create, update or cancel the commission lines of the orders; they
        are up to date afterwards, so none of them stays queued."""
        lines = self.env["prm.commission.compute"]._prm_sync_orders(self)
        self._prm_commission_dequeue()
        return lines

    def _prm_commission_queue_threshold(self):
        params = self.env["ir.config_parameter"].sudo()
        return batch.setting_int(
            params.get_param(QUEUE_THRESHOLD_PARAM),
            DEFAULT_QUEUE_THRESHOLD,
            minimum=0,
        )

    def _prm_commission_enqueue(self):
        """Queue the orders for the commission cron: one statement in the
        transaction of the confirmation, so the queue commits (or rolls
        back) with it; the cron is woken up at once."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE sale_order SET prm_commission_pending = TRUE
                    WHERE id = ANY(%s)""",
                self.ids,
            )
        )
        self.invalidate_recordset(["prm_commission_pending"])
        cron = self.env.ref(QUEUE_CRON, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()

    def _prm_commission_dequeue(self):
        if not self.ids:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE sale_order SET prm_commission_pending = FALSE
                    WHERE id = ANY(%s) AND prm_commission_pending""",
                self.ids,
            )
        )
        if self.env.cr.rowcount:
            self.invalidate_recordset(["prm_commission_pending"])

    @api.model
    def _cron_prm_commission_queue(self):
        """Compute the commission lines of the queued orders by chunks
        (setting ``prm_commission.order_queue.chunk_size``, default 1000): a
        chunk's lines and the end of its orders' wait commit together, so a
        run stopped midway leaves the rest queued and redoes nothing."""

        def process(orders, started):
            orders._prm_commission_sync()
            return len(orders)

        return self.env["prm.batch.runner"]._prm_batch_run(
            QUEUE_JOB,
            self.sudo(),
            [("prm_commission_pending", "=", True)],
            process,
            # the computation costs a fixed number of queries per chunk
            default_chunk_size=QUEUE_CHUNK_SIZE,
        )

    def _action_confirm(self):
        result = super()._action_confirm()
        # a salesperson's order gets its lines at once; a large batch (an
        # import, a script) is computed right after by the cron
        if len(self) > self._prm_commission_queue_threshold():
            self._prm_commission_enqueue()
        else:
            self._prm_commission_sync()
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        self._prm_commission_sync()
        return result

    def write(self, vals):
        # the queue is ours: a user who unset the flag over RPC would keep an
        # order from ever getting its commissions
        if "prm_commission_pending" in vals and not self.env.su:
            raise AccessError(
                self.env._("The commission queue of orders is kept by the system.")
            )
        result = super().write(vals)
        if "prm_partner_id" in vals or "currency_id" in vals:
            self.filtered(lambda order: order.state == "sale")._prm_commission_sync()
        return result

    def action_prm_view_commissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_commission_line_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_prm_recompute_commissions(self):
        access.require(self.env, access.MANAGER)
        self._prm_commission_sync()
        return True
