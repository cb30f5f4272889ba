# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmDocumentCategory(models.Model):
    _name = "prm.document.category"
    _description = "Partner Library Category"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    document_ids = fields.One2many("prm.document", "category_id", string="Documents")
    document_count = fields.Integer(compute="_compute_document_count")

    def _compute_document_count(self):
        groups = self.env["prm.document"]._read_group(
            [("category_id", "in", self.ids)], ["category_id"], ["__count"]
        )
        counts = {category.id: count for category, count in groups}
        for category in self:
            category.document_count = counts.get(category.id, 0)
