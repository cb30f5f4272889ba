# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..logic import registration


class PrmDocument(models.Model):
    _name = "prm.document"
    _description = "Partner Library Document"
    _inherit = ["mail.thread"]
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
    audience = fields.Selection(
        [
            ("all", "All Partners"),
            ("tiers", "Tiers"),
            ("types", "Partner Type"),
            ("territories", "Territories"),
            ("partners", "Chosen Partners"),
        ],
        required=True,
        default="all",
        tracking=True,
    )
    tier_ids = fields.Many2many("prm.tier", check_company=True)
    partner_type = fields.Selection(
        selection=lambda self: self.env["res.partner"]
        ._fields["prm_partner_type"]
        ._description_selection(self.env),
    )
    territory_ids = fields.Many2many(
        "prm.territory",
        string="Territories",
        help="Partners of these territories or of their sub-territories.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "prm_document_partner_rel",
        "document_id",
        "partner_id",
        string="Partners",
        domain=[("prm_is_partner", "=", True)],
    )
    # The portal record rule filters on it: the audience is worked out when
    # the query runs, from the partner's tier, type, territories and stage of
    # that moment (a rule domain built from them would be cached per user).
    prm_audience_partner_id = fields.Many2one(
        "res.partner",
        string="Audience Partner",
        compute="_compute_prm_audience_partner_id",
        search="_search_prm_audience_partner_id",
        help="Search only: documents whose audience includes a partner.",
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

    def _compute_prm_audience_partner_id(self):
        self.prm_audience_partner_id = False

    def _search_prm_audience_partner_id(self, operator, value):
        # "child_of" is what the portal rule uses: Odoo evaluates it in SQL
        # even when it checks records already in memory, so the audience is
        # always read from the database.
        if operator not in ("=", "child_of") or not isinstance(value, int):
            raise NotImplementedError(operator)
        partner = self.env["res.partner"].sudo().browse(value).exists()
        return self._prm_audience_domain(partner)

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

    @api.model
    def _prm_audience_domain(self, partner):
        """Documents visible to the commercial partner ``partner``."""
        partner = partner.sudo().commercial_partner_id
        if not partner or not registration.is_portal_partner(
            partner.prm_is_partner, partner.prm_stage
        ):
            return expression.FALSE_DOMAIN
        return expression.OR(
            [
                [("audience", "=", "all")],
                [
                    ("audience", "=", "tiers"),
                    ("tier_ids", "in", partner.prm_tier_id.ids),
                ],
                [
                    ("audience", "=", "types"),
                    ("partner_type", "=", partner.prm_partner_type or False),
                    ("partner_type", "!=", False),
                ],
                [
                    ("audience", "=", "territories"),
                    ("territory_ids", "in", partner.prm_territory_scope_ids.ids),
                ],
                [("audience", "=", "partners"), ("partner_ids", "in", partner.ids)],
            ]
        )

    def _prm_is_visible_to(self, partner):
        self.ensure_one()
        domain = expression.AND(
            [[("id", "=", self.id)], self._prm_audience_domain(partner)]
        )
        return bool(self.sudo().search_count(domain, limit=1))

    def action_open_url(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self.url, "target": "new"}
