# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmAgreementSignWizard(models.TransientModel):
    _name = "prm.agreement.sign.wizard"
    _description = "Record an Agreement Signature"

    agreement_id = fields.Many2one("prm.agreement", required=True, ondelete="cascade")
    signer_name = fields.Char(required=True)
    signature = fields.Binary()

    def action_sign(self):
        self.ensure_one()
        self.agreement_id.action_sign(self.signer_name, self.signature)
        return {"type": "ir.actions.act_window_close"}
