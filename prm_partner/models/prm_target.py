# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..logic import dates as date_rules
from ..logic import targets as target_rules


class PrmTarget(models.Model):
    _name = "prm.target"
    _description = "Partner Target"
    _order = "date_from desc, partner_id, kind"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain="[('prm_is_partner', '=', True)]",
        check_company=True,
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        string="Period",
        required=True,
        default="quarter",
    )
    date_from = fields.Date(
        required=True, default=fields.Date.context_today, string="From"
    )
    date_to = fields.Date(
        compute="_compute_date_to",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        string="To",
    )
    kind = fields.Selection(
        [
            ("revenue", "Revenue"),
            ("won_deals", "Won Deals"),
            ("new_customers", "New Customers"),
        ],
        required=True,
        default="revenue",
    )
    target = fields.Float(required=True)
    actual = fields.Float(compute="_compute_actual")
    achievement = fields.Float(string="Achievement (%)", compute="_compute_actual")
    status = fields.Selection(
        [
            (target_rules.ACHIEVED, "Achieved"),
            (target_rules.ON_TRACK, "On Track"),
            (target_rules.BEHIND, "Behind"),
        ],
        compute="_compute_actual",
        help="On track while the achievement keeps up with the share of the "
        "period already elapsed today.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    prm_tier_id = fields.Many2one(related="partner_id.prm_tier_id", store=True)
    prm_partner_type = fields.Selection(
        related="partner_id.prm_partner_type", store=True
    )

    @api.depends("partner_id.name", "kind", "date_from", "date_to")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for target in self:
            target.name = (
                f"{target.partner_id.name or ''} - {kinds.get(target.kind, '')} "
                + (f"{target.date_from} / {target.date_to}")
            )

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for target in self:
            if target.date_from and target.period_type:
                target.date_to = date_rules.period_bounds(
                    target.date_from, target.period_type
                )[1]

    @api.onchange("period_type", "date_from")
    def _onchange_period(self):
        if self.date_from and self.period_type:
            self.date_from = date_rules.period_bounds(self.date_from, self.period_type)[
                0
            ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_from") and not vals.get("date_to"):
                period = vals.get("period_type") or "quarter"
                start = fields.Date.to_date(vals["date_from"])
                vals["date_from"] = date_rules.period_bounds(start, period)[0]
        return super().create(vals_list)

    @api.constrains("target", "date_from", "date_to")
    def _check_values(self):
        for target in self:
            if target.target < 0:
                raise ValidationError(self.env._("A target cannot be negative."))
            if target.date_to and target.date_to < target.date_from:
                raise ValidationError(
                    self.env._("The end of a target period must come after its start.")
                )

    def _compute_actual(self):
        """Actuals for all targets with one grouped read per kind and period."""
        values = self.env["res.partner"]._prm_kpi_actuals(
            (
                target.id,
                target.partner_id.id,
                target.kind,
                target.date_from,
                target.date_to,
                (target.company_id or self.env.company).id,
            )
            for target in self
            if target.partner_id and target.date_from and target.date_to
        )
        today = fields.Date.context_today(self)
        for target in self:
            target.actual = values.get(target.id, 0.0)
            target.achievement = target_rules.achievement(target.actual, target.target)
            target.status = target_rules.status(
                target.achievement,
                target_rules.elapsed_share(today, target.date_from, target.date_to)
                if target.date_from and target.date_to
                else 1.0,
            )
