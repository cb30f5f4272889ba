# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PrmDocument(models.Model):
    _name = "prm.document"
    _description = "Partner Library Document"
    _inherit = ["mail.thread", "prm.audience.mixin"]
    _order = "category_id, sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    category_id = fields.Many2one("prm.document.category", required=True, index=True)
    description = fields.Text(translate=True)
    kind = fields.Selection(
        [("file", "File"), ("url", "Link")], required=True, default="file"
    )
    # Partners download through the library route only, which checks the
    # audience and counts the download.
    datas = fields.Binary(string="File", attachment=True, groups="base.group_user")
    filename = fields.Char()
    url = fields.Char(string="Link")
    version = fields.Char()
    lang = fields.Selection(
        selection="_get_lang_selection", string="Language", help="Empty: any language."
    )
    # the audience's relation tables, named once and for all
    prm_tier_ids = fields.Many2many(
        relation="prm_document_prm_tier_rel",
        column1="prm_document_id",
        column2="prm_tier_id",
    )
    prm_territory_ids = fields.Many2many(
        relation="prm_document_prm_territory_rel",
        column1="prm_document_id",
        column2="prm_territory_id",
    )
    # the relation table of the first version, before the audience mixin
    prm_partner_ids = fields.Many2many(
        relation="prm_document_partner_rel",
        column1="document_id",
        column2="partner_id",
    )
    download_ids = fields.One2many("prm.document.download", "document_id")
    download_count = fields.Integer(compute="_compute_download_count")

    @api.model
    def _get_lang_selection(self):
        return self.env["res.lang"].get_installed()

    def _compute_download_count(self):
        groups = self.env["prm.document.download"]._read_group(
            [("document_id", "in", self.ids)], ["document_id"], ["count:sum"]
        )
        counts = {document.id: total for document, total in groups}
        for document in self:
            document.download_count = counts.get(document.id, 0)

    @api.constrains("kind", "url", "datas")
    def _check_content(self):
        for document in self:
            if document.kind == "url":
                if not (document.url or "").lower().startswith(("http://", "https://")):
                    raise ValidationError(
                        self.env._(
                            "The link of %(name)s must start with http:// or https://.",
                            name=document.name,
                        )
                    )

    def action_open_url(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self.url, "target": "new"}
