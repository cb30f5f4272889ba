# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PrmTier(models.Model):
    _inherit = "prm.tier"

    prm_support_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Support Team",
        help="Team that answers the support tickets of the partners of this tier.",
    )
    prm_support_response_hours = fields.Integer(
        string="Support Response Time (hours)",
        help="The first answer to a ticket of a partner of this tier is due "
        "this many hours after the ticket was opened; 0 means no commitment.",
    )

    _sql_constraints = [
        (
            "prm_support_response_hours_positive",
            "CHECK(prm_support_response_hours >= 0)",
            "The support response time cannot be negative.",
        )
    ]

    @api.onchange("prm_support_response_hours")
    def _onchange_prm_support_response_hours(self):
        # hours, not days: a hint when someone types a number of days
        for tier in self:
            if tier.prm_support_response_hours > 24 * 30:
                return {
                    "warning": {
                        "title": self.env._("Long response time"),
                        "message": self.env._(
                            "The response time is counted in hours: %(hours)s "
                            "hours are more than a month.",
                            hours=tier.prm_support_response_hours,
                        ),
                    }
                }
