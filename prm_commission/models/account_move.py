# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    prm_commission_settlement_ids = fields.One2many(
        "prm.commission.settlement",
        "invoice_id",
        string="Commission Settlements",
        readonly=True,
    )
    prm_fund_claim_ids = fields.One2many(
        "prm.fund.claim", "invoice_id", string="Fund Claims", readonly=True
    )

    def _prm_commission_orders(self):
        invoices = self.filtered(lambda move: move.move_type == "out_invoice")
        return invoices.invoice_line_ids.sale_line_ids.order_id

    def _prm_commission_refresh(self):
        """Commissions and settlements follow invoices and their payments."""
        moves = self.sudo()
        orders = moves._prm_commission_orders()
        if orders:
            orders._prm_commission_sync()
        settlements = moves.prm_commission_settlement_ids
        if settlements:
            settlements._prm_sync_payment_state()
        claims = moves.prm_fund_claim_ids
        if claims:
            claims._prm_sync_payment_state()

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._prm_commission_refresh()
        refunds = posted.filtered(lambda move: move.move_type == "out_refund")
        if refunds:
            self.env["prm.commission.clawback"]._prm_clawback(refunds)
        return posted

    def button_draft(self):
        result = super().button_draft()
        self._prm_commission_refresh()
        return result

    def button_cancel(self):
        result = super().button_cancel()
        self._prm_commission_refresh()
        return result
