# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmReferenceMixin(models.AbstractModel):
    """A PRM document numbered on creation by the sequence whose code is its
    model name (settlements, fund requests, fund claims)."""

    _name = "prm.reference.mixin"
    _description = "PRM Document Numbered by a Sequence"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )

    def _prm_assign_references(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = sequence.next_by_code(self._name) or "/"
