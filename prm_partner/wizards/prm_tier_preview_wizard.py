# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import api, fields, models

from .. import access
from ..logic import tier_rules
from .common import reopen

ACTIONS = [
    (tier_rules.PROMOTE, "Promotion"),
    (tier_rules.DEMOTE, "Demotion"),
    (tier_rules.WARN, "Demotion Warning"),
    (tier_rules.PENDING, "Demotion Pending"),
    (tier_rules.CANCEL, "Warning Cancelled"),
    (tier_rules.LOCKED, "Locked"),
    (tier_rules.NONE, "No Change"),
]


class PrmTierPreviewWizard(models.TransientModel):
    _name = "prm.tier.preview.wizard"
    _description = "Preview Tier Evaluation"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Partners",
        help="Leave empty to evaluate every channel partner.",
    )
    show_unchanged = fields.Boolean(string="Show Partners Without Change")
    line_ids = fields.One2many("prm.tier.preview.wizard.line", "wizard_id")
    change_count = fields.Integer(compute="_compute_change_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            values["partner_ids"] = [
                fields.Command.set(self.env.context.get("active_ids") or [])
            ]
        return values

    @api.depends("line_ids.action")
    def _compute_change_count(self):
        for wizard in self:
            wizard.change_count = len(
                wizard.line_ids.filtered(lambda line: line.action != tier_rules.NONE)
            )

    def _prm_partners(self):
        if self.partner_ids:
            return self.partner_ids
        return self.env["res.partner"].search(
            [("prm_is_partner", "=", True), ("is_company", "=", True)]
        )

    def action_preview(self):
        """Fill the lines with what evaluation would do; change nothing."""
        self.ensure_one()
        results = self._prm_partners()._prm_evaluate_tiers(apply=False)
        partners = self.env["res.partner"]
        lines = []
        for partner, decision, metrics in results:
            if decision.action == tier_rules.NONE and not self.show_unchanged:
                continue
            lines.append(
                fields.Command.create(
                    {
                        "partner_id": partner.id,
                        "current_tier_id": decision.current["id"]
                        if decision.current
                        else False,
                        "new_tier_id": decision.target["id"]
                        if decision.target
                        else False,
                        "action": decision.action,
                        "demotion_date": decision.demotion_date,
                        "reason": partners._prm_decision_reason(decision),
                        "metrics": json.dumps(
                            partners._prm_metrics_snapshot(metrics, decision),
                            default=str,
                            sort_keys=True,
                        ),
                    }
                )
            )
        self.line_ids = [fields.Command.clear(), *lines]
        return self._prm_reopen()

    def action_apply(self):
        self.ensure_one()
        access.require(self.env, access.MANAGER)
        self._prm_partners()._prm_evaluate_tiers(apply=True)
        return {"type": "ir.actions.act_window_close"}

    def _prm_reopen(self):
        return reopen(self, name=self.env._("Tier Evaluation Preview"))


class PrmTierPreviewWizardLine(models.TransientModel):
    _name = "prm.tier.preview.wizard.line"
    _description = "Tier Evaluation Preview Line"

    wizard_id = fields.Many2one(
        "prm.tier.preview.wizard", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    current_tier_id = fields.Many2one("prm.tier")
    new_tier_id = fields.Many2one("prm.tier")
    action = fields.Selection(ACTIONS, required=True)
    demotion_date = fields.Date(string="Demotion Due")
    reason = fields.Text()
    metrics = fields.Text()
