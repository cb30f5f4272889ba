# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def _prm_moves(self):
        return (self.debit_move_id | self.credit_move_id).move_id

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials._prm_moves()._prm_commission_refresh()
        return partials

    def unlink(self):
        moves = self._prm_moves()
        result = super().unlink()
        moves.exists()._prm_commission_refresh()
        return result
