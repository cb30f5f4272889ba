# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression

from ..logic import audience, registration


class PrmAudienceMixin(models.AbstractModel):
    """Which channel partners a record is for: library documents,
    announcements, newsletter segments, partner events and the partner
    community share these rules (the pure version is
    :mod:`..logic.audience`)."""

    _name = "prm.audience.mixin"
    _description = "Partner Audience Rules"

    #: Boolean field of a record of Odoo's apps (an event, a forum) that keeps
    #: it for the audience; without it the record is everyone's, as in Odoo.
    #: None: every record is kept for its audience (library, news).
    _prm_audience_switch = None
    #: lifecycle stages of the partners an audience may include
    _prm_audience_stages = registration.PORTAL_STAGES

    # labels (and translations) of the names before the prm_ prefix (18.0.1.4.0)
    prm_audience = fields.Selection(
        string="Audience",
        selection=[
            (audience.ALL, "All Partners"),
            (audience.TIERS, "Tiers"),
            (audience.TYPES, "Partner Type"),
            (audience.TERRITORIES, "Territories"),
            (audience.PARTNERS, "Chosen Partners"),
            (audience.RULES, "Matching Rules"),
        ],
        required=True,
        default=audience.ALL,
        tracking=True,
        help="Matching Rules: the partners matching every rule filled in "
        "(tiers, type, territories, stage).",
    )
    # Each model names the relation tables of the three Many2many fields
    # (relation, column1, column2): a name derived from the tables would be
    # shared with any other field between the same models.
    prm_tier_ids = fields.Many2many("prm.tier", string="Tier", check_company=True)
    prm_partner_type = fields.Selection(
        string="Partner Type",
        selection=lambda self: self.env["res.partner"]
        ._fields["prm_partner_type"]
        ._description_selection(self.env),
    )
    prm_territory_ids = fields.Many2many(
        "prm.territory",
        string="Territories",
        help="Partners of these territories or of their sub-territories.",
    )
    prm_partner_ids = fields.Many2many(
        "res.partner",
        string="Partner",
        domain=[("prm_is_partner", "=", True)],
    )
    prm_partner_stage = fields.Selection(
        string="Partner Stage",
        selection=lambda self: self.env["res.partner"]
        ._fields["prm_stage"]
        ._description_selection(self.env),
        help="Matching Rules only: partners of this lifecycle stage.",
    )
    # The portal record rules filter on it: the audience is worked out when
    # the query runs, from the partner's tier, type, territories and stage of
    # that moment (a rule domain built from them would be cached per user).
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
        # "child_of" is what the portal rules use: Odoo evaluates it in SQL
        # even when it checks records already in memory, so the audience is
        # always read from the database.
        if operator not in ("=", "child_of") or not isinstance(value, int):
            raise NotImplementedError(operator)
        partner = self.env["res.partner"].sudo().browse(value).exists()
        return self._prm_audience_domain(partner)

    @api.model
    def _prm_audience_domain(self, partner):
        """Records visible to the commercial partner of ``partner``: those
        whose audience includes it, and those not kept for an audience (see
        ``_prm_audience_switch``)."""
        kept = self._prm_audience_kept_domain(partner)
        switch = self._prm_audience_switch
        if not switch:
            return kept
        return expression.OR(
            [[(switch, "=", False)], expression.AND([[(switch, "=", True)], kept])]
        )

    @api.model
    def _prm_audience_kept_domain(self, partner):
        """Records whose audience includes the commercial partner of
        ``partner`` (nothing unless it is a partner of the audience's
        stages)."""
        partner = partner.sudo().commercial_partner_id
        if not partner or not audience.in_stages(
            partner.prm_is_partner, partner.prm_stage, self._prm_audience_stages
        ):
            return expression.FALSE_DOMAIN
        tiers = partner.prm_tier_id.ids
        territories = partner.prm_territory_scope_ids.ids
        return expression.OR(
            [
                [("prm_audience", "=", audience.ALL)],
                [("prm_audience", "=", audience.TIERS), ("prm_tier_ids", "in", tiers)],
                [
                    ("prm_audience", "=", audience.TYPES),
                    ("prm_partner_type", "=", partner.prm_partner_type or False),
                    ("prm_partner_type", "!=", False),
                ],
                [
                    ("prm_audience", "=", audience.TERRITORIES),
                    ("prm_territory_ids", "in", territories),
                ],
                [
                    ("prm_audience", "=", audience.PARTNERS),
                    ("prm_partner_ids", "in", partner.ids),
                ],
                [
                    ("prm_audience", "=", audience.RULES),
                    "|",
                    ("prm_tier_ids", "=", False),
                    ("prm_tier_ids", "in", tiers),
                    "|",
                    ("prm_partner_type", "=", False),
                    ("prm_partner_type", "=", partner.prm_partner_type or False),
                    "|",
                    ("prm_territory_ids", "=", False),
                    ("prm_territory_ids", "in", territories),
                    "|",
                    ("prm_partner_stage", "=", False),
                    ("prm_partner_stage", "=", partner.prm_stage),
                ],
            ]
        )

    def _prm_is_visible_to(self, partner):
        """Whether every record of ``self`` is visible to ``partner``."""
        domain = expression.AND(
            [[("id", "in", self.ids)], self._prm_audience_domain(partner)]
        )
        return self.sudo().search_count(domain) == len(self)

    def _prm_audience_partner_domain(self):
        """The other way round: the commercial partners (``res.partner``)
        this record's audience includes, whatever their stage."""
        self.ensure_one()
        kind = self.prm_audience
        rules = {
            audience.TIERS: [("prm_tier_id", "in", self.prm_tier_ids.ids)],
            audience.TYPES: [("prm_partner_type", "=", self.prm_partner_type)]
            if self.prm_partner_type
            else expression.FALSE_DOMAIN,
            audience.TERRITORIES: [
                ("prm_territory_ids", "child_of", self.prm_territory_ids.ids)
            ],
            audience.PARTNERS: [("id", "in", self.prm_partner_ids.ids)],
        }
        if kind == audience.RULES:
            domain = []
            if self.prm_tier_ids:
                domain += rules[audience.TIERS]
            if self.prm_partner_type:
                domain += rules[audience.TYPES]
            if self.prm_territory_ids:
                domain += rules[audience.TERRITORIES]
            if self.prm_partner_stage:
                domain += [("prm_stage", "=", self.prm_partner_stage)]
        else:
            domain = rules.get(kind, [])
        return expression.AND([[("prm_is_partner", "=", True)], domain])

    def _prm_audience(self):
        """The rules of this record for :func:`..logic.audience.reaches`."""
        self.ensure_one()
        return audience.Audience(
            kind=self.prm_audience,
            tier_ids=frozenset(self.prm_tier_ids.ids),
            partner_type=self.prm_partner_type or None,
            territory_ids=frozenset(self.prm_territory_ids.ids),
            partner_ids=frozenset(self.prm_partner_ids.ids),
            stage=self.prm_partner_stage or None,
        )

    @api.model
    def _prm_audience_profile(self, partner):
        """What the rules read of the commercial partner ``partner``."""
        return audience.Profile(
            partner_id=partner.id,
            tier_id=partner.prm_tier_id.id or None,
            partner_type=partner.prm_partner_type or None,
            territory_ids=frozenset(partner.prm_territory_scope_ids.ids),
            stage=partner.prm_stage or None,
        )
