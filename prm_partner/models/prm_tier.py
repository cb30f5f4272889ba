# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..logic import tier_rules

# Thresholds that cannot be negative: the minimum amounts of the criteria,
# the window and the deal protection.
THRESHOLD_FIELDS = (
    *(s.tier_field for s in tier_rules.CRITERIA_SPECS if s.kind == tier_rules.AMOUNT),
    tier_rules.WINDOW_FIELD,
    "protection_days",
)


class PrmTier(models.Model):
    _name = "prm.tier"
    _description = "Partner Tier"
    _order = "company_id, rank, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    rank = fields.Integer(
        required=True,
        default=0,
        help="Higher ranks are better tiers (Registered < Silver < Gold < Platinum).",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    color = fields.Integer()
    benefits = fields.Html(translate=True)
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Applied to the partner and its contacts when they reach this tier.",
    )
    protection_days = fields.Integer(
        string="Deal Protection (days)",
        help="How long a registered deal stays reserved for the partner.",
    )
    min_revenue = fields.Monetary(
        string="Minimum Revenue", currency_field="currency_id"
    )
    revenue_window_months = fields.Integer(
        string="Window (months)",
        default=12,
        help="Trailing window over which revenue and won deals are counted; "
        "0 counts everything.",
    )
    min_won_deals = fields.Integer(string="Minimum Won Deals")
    min_certified_contacts = fields.Integer(string="Minimum Certified Contacts")
    min_csat = fields.Float(
        string="Minimum CSAT (%)",
        help="Average satisfaction of the partner's end customers, from the "
        "customer satisfaction surveys of the last twelve months.",
    )
    min_events_attended = fields.Integer(
        string="Minimum Attended Events",
        help="Partner events the partner's contacts attended within the "
        "window (counted once the partner portal is installed).",
    )
    required_certification_type_ids = fields.Many2many(
        "prm.certification.type",
        string="Required Certifications",
        check_company=True,
    )
    required_agreement_type_id = fields.Many2one(
        "prm.agreement.type",
        string="Required Agreement",
        check_company=True,
        help="The partner needs an active agreement of this type.",
    )
    review_cadence = fields.Selection(
        [
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
            ("half_yearly", "Every Six Months"),
            ("yearly", "Yearly"),
        ],
        string="Business Reviews",
        help="How often the partner manager reviews the business of the "
        "tier's partners: a review activity is scheduled a week before it "
        "is due. Empty: no scheduled review.",
    )
    partner_ids = fields.One2many("res.partner", "prm_tier_id", string="Partners")
    partner_count = fields.Integer(compute="_compute_partner_count")

    _sql_constraints = [
        (
            "rank_company_uniq",
            "unique(rank, company_id)",
            "Two tiers of the same company cannot have the same rank.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        tiers = super().create(vals_list)
        tiers.filtered("pricelist_id")._prm_enable_pricelists()
        return tiers

    def write(self, vals):
        result = super().write(vals)
        if "pricelist_id" in vals:
            self.filtered("pricelist_id")._prm_enable_pricelists()
            # a partner always has its current tier's pricelist
            self.env["res.partner"].sudo().with_context(active_test=False).search(
                [("prm_tier_id", "in", self.ids)]
            )._prm_apply_tier_pricelists()
        return result

    def _prm_enable_pricelists(self):
        """Tier pricelists need the Pricelists feature: without it, saving
        any setting would archive every pricelist, tier discounts included."""
        if not self:
            return
        group = self.env.ref("product.group_product_pricelist")
        employees = self.env.ref("base.group_user").sudo()
        if group not in employees.implied_ids:
            employees._apply_group(group)
            self.env["res.company"].sudo()._activate_or_create_pricelists()

    def _compute_partner_count(self):
        groups = self.env["res.partner"]._read_group(
            [("prm_tier_id", "in", self.ids)], ["prm_tier_id"], ["__count"]
        )
        counts = {tier.id: count for tier, count in groups}
        for tier in self:
            tier.partner_count = counts.get(tier.id, 0)

    @api.constrains(*THRESHOLD_FIELDS)
    def _check_thresholds(self):
        for tier in self:
            if min(tier[name] for name in THRESHOLD_FIELDS) < 0:
                raise ValidationError(
                    self.env._(
                        "The thresholds of tier %(tier)s cannot be negative.",
                        tier=tier.name,
                    )
                )

    def _prm_rule_values(self):
        """Tiers as plain mappings for the tier rules (one pass, no query per tier)."""
        values_list = []
        for tier in self:
            values = {"id": tier.id}
            values.update((name, tier[name]) for name in tier_rules.TIER_FIELDS)
            for spec in tier_rules.CRITERIA_SPECS:
                value = tier[spec.tier_field]
                if spec.kind == tier_rules.ALL_IDS:
                    value = value.ids
                elif spec.kind == tier_rules.ONE_ID:
                    value = value.id or None
                values[spec.tier_field] = value
            values_list.append(values)
        return values_list

    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_partner.res_partner_action_prm"
        )
        action["domain"] = [("prm_tier_id", "=", self.id)]
        action["context"] = {"default_prm_tier_id": self.id, "default_is_company": True}
        return action
