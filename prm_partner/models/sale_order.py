# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    prm_partner_id = fields.Many2one(
        "res.partner",
        string="Channel Partner",
        compute="_compute_prm_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain="[('prm_is_partner', '=', True), ('is_company', '=', True)]",
        groups="base.group_user",
        help="The channel partner behind this sale: taken from the opportunity, or "
        "the customer itself when it is a partner buying for resale.",
    )
    prm_tier_id = fields.Many2one(
        "prm.tier",
        string="Partner Tier",
        compute="_compute_prm_tier_id",
        store=True,
        index=True,
        groups="base.group_user",
        help="Tier of the channel partner when it was set on the order: a later "
        "promotion or demotion does not rewrite past sales.",
    )

    @api.depends("prm_partner_id")
    def _compute_prm_tier_id(self):
        for order in self:
            order.prm_tier_id = order.prm_partner_id.prm_tier_id

    @api.depends("opportunity_id.prm_partner_id", "partner_id")
    def _compute_prm_partner_id(self):
        for order in self:
            if order.opportunity_id.prm_partner_id:
                order.prm_partner_id = order.opportunity_id.prm_partner_id
            elif not order.prm_partner_id:
                commercial = order.partner_id.commercial_partner_id
                if commercial.prm_is_partner:
                    order.prm_partner_id = commercial
