# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Records of Odoo's apps (events, forums) that may be kept for the channel
partners, optionally for some tiers and partner types only."""

from odoo import api, fields, models
from odoo.osv import expression

from ..logic import registration


class PrmPartnerAudienceMixin(models.AbstractModel):
    _name = "prm.partner.audience.mixin"
    _description = "Kept for Channel Partners"

    #: stages of the partners who see the records kept for partners
    _prm_audience_stages = registration.PORTAL_STAGES

    prm_partners_only = fields.Boolean(
        string="Partners Only",
        help="Only the contacts of channel partners see it on the website "
        "(of the tiers and partner types below, when set).",
    )
    prm_tier_ids = fields.Many2many(
        "prm.tier",
        string="Partner Tiers",
        help="Partners of these tiers only; empty: every tier.",
    )
    prm_partner_type_ids = fields.Many2many(
        "prm.partner.type",
        string="Partner Types",
        help="Partners of these types only; empty: every type.",
    )
    # The record rules filter on it: the audience is worked out when the
    # query runs, from the partner's tier, type and stage of that moment.
    prm_audience_partner_id = fields.Many2one(
        "res.partner",
        string="Audience Partner",
        compute="_compute_prm_audience_partner_id",
        search="_search_prm_audience_partner_id",
        help="Search only: records whose audience includes a partner.",
    )

    def _compute_prm_audience_partner_id(self):
        self.prm_audience_partner_id = False

    def _search_prm_audience_partner_id(self, operator, value):
        if operator not in ("=", "child_of") or not isinstance(value, int):
            raise NotImplementedError(operator)
        partner = self.env["res.partner"].sudo().browse(value).exists()
        return self._prm_audience_domain(partner)

    @api.model
    def _prm_audience_domain(self, partner):
        """Records visible to the commercial partner of ``partner``: those not
        kept for partners, and the partner's own when it is a partner."""
        partner = partner.sudo().commercial_partner_id
        everyone = [("prm_partners_only", "=", False)]
        if not (
            partner.prm_is_partner and partner.prm_stage in self._prm_audience_stages
        ):
            return everyone
        tiers = [("prm_tier_ids", "=", False)]
        if partner.prm_tier_id:
            tiers = expression.OR(
                [tiers, [("prm_tier_ids", "in", partner.prm_tier_id.ids)]]
            )
        types = [("prm_partner_type_ids", "=", False)]
        if partner.prm_partner_type:
            types = expression.OR(
                [
                    types,
                    [("prm_partner_type_ids.code", "=", partner.prm_partner_type)],
                ]
            )
        return expression.OR(
            [
                everyone,
                expression.AND([[("prm_partners_only", "=", True)], tiers, types]),
            ]
        )

    def _prm_is_visible_to(self, partner):
        """Whether every record of ``self`` is visible to ``partner``."""
        domain = expression.AND(
            [[("id", "in", self.ids)], self._prm_audience_domain(partner)]
        )
        return self.sudo().search_count(domain) == len(self)
