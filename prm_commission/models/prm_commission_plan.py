# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.prm_partner import access


class PrmCommissionPlan(models.Model):
    _name = "prm.commission.plan"
    _description = "Commission Plan"
    _order = "company_id, name, id"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        tracking=True,
        default=lambda self: self.env.company.currency_id,
        help="Fixed amounts, brackets and caps are in this currency; commissions "
        "of orders in other currencies are converted to it.",
    )
    basis = fields.Selection(
        [
            ("order_confirmed", "Order Confirmed"),
            ("invoice_posted", "Invoice Posted"),
            ("invoice_paid", "Invoice Paid"),
        ],
        required=True,
        tracking=True,
        default="invoice_posted",
        help="Event that makes a commission due. Before it, commissions of "
        "confirmed orders are shown as draft forecasts.",
    )
    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        tracking=True,
        default="year",
        help="Period over which brackets and period caps accumulate.",
    )
    clawback_days = fields.Integer(
        string="Clawback Window (days)",
        tracking=True,
        default=90,
        help="A credit note issued within this many days after the commission "
        "date reverses the commission. 0 disables clawback.",
    )
    rule_ids = fields.One2many("prm.commission.rule", "plan_id", string="Rules")
    spiff_ids = fields.One2many("prm.commission.spiff", "plan_id", string="SPIFFs")
    tier_ids = fields.One2many("prm.tier", "commission_plan_id", string="Tiers")
    note = fields.Html(translate=True)
    line_count = fields.Integer(compute="_compute_line_count")

    @api.constrains("clawback_days")
    def _check_clawback_days(self):
        for plan in self:
            if plan.clawback_days < 0:
                raise ValidationError(
                    self.env._("The clawback window cannot be negative.")
                )

    @api.constrains("currency_id", "company_id")
    def _check_currency_change(self):
        lines = self.env["prm.commission.line"].search(
            [("plan_id", "in", self.ids), ("state", "=", "settled")], limit=1
        )
        for plan in self:
            if lines.plan_id == plan and (
                lines.currency_id != plan.currency_id
                or lines.company_id != plan.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The plan %(plan)s already has settled commissions: its "
                        "currency and company can no longer change.",
                        plan=plan.display_name,
                    )
                )

    def _compute_line_count(self):
        groups = self.env["prm.commission.line"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
        )
        counts = {plan.id: count for plan, count in groups}
        for plan in self:
            plan.line_count = counts.get(plan.id, 0)

    def action_recompute(self):
        """Recompute the unsettled commissions of the plans after a rule change."""
        access.require(self.env, access.MANAGER)
        lines = self.env["prm.commission.line"].search(
            [("plan_id", "in", self.ids), ("state", "in", ("draft", "confirmed"))]
        )
        lines.order_id._prm_commission_sync()
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_commission_line_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {}
        return action
