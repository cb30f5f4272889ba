# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partners at risk: behind their business plan, certifications expiring;
prm_portal adds partners without a deal registration for 60 days."""

from odoo import api, fields, models

from ..logic import certifications as cert_rules
from ..logic import targets as target_rules

# One class per concern on purpose (see res_partner_metrics.py).
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_at_risk = fields.Boolean(
        string="At Risk",
        compute="_compute_prm_risk",
        search="_search_prm_at_risk",
        groups="base.group_user",
    )
    prm_risk_reasons = fields.Char(
        string="Risks", compute="_compute_prm_risk", groups="base.group_user"
    )

    @api.model
    def _prm_risk_partner_ids(self):
        """{reason label: ids of the partners at that risk}, one query each."""
        env = self.env
        behind = (
            env["prm.business.plan.kpi"]
            .sudo()
            ._read_group(
                [
                    ("status", "=", target_rules.BEHIND),
                    ("state", "in", ("draft", "agreed")),
                ],
                ["partner_id"],
            )
        )
        expiring = (
            env["prm.certification"]
            .sudo()
            ._read_group([("state", "=", cert_rules.EXPIRING)], ["partner_id"])
        )
        return {
            env._("Behind plan"): {partner.id for (partner,) in behind},
            env._("Certifications expiring"): {partner.id for (partner,) in expiring},
        }

    def _compute_prm_risk(self):
        risks = self._prm_risk_partner_ids()
        for partner in self:
            reasons = [
                label
                for label, ids in risks.items()
                if partner.commercial_partner_id.id in ids
            ]
            partner.prm_at_risk = bool(reasons) and partner.prm_is_partner
            partner.prm_risk_reasons = ", ".join(reasons)

    def _search_prm_at_risk(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        ids = set().union(*self._prm_risk_partner_ids().values())
        at_risk = [("prm_is_partner", "=", True), ("id", "in", list(ids))]
        if (operator == "=") == value:
            return at_risk
        return ["!", "&", *at_risk]
