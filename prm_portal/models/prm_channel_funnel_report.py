# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PrmChannelFunnelReport(models.Model):
    """The partner's answer on the portal is the acceptance step; a deal
    registration makes an opportunity partner-sourced."""

    _inherit = "prm.channel.funnel.report"
    _depends = {
        "crm.lead": ["prm_acceptance", "prm_accepted_on"],
        "prm.deal.registration": ["lead_id"],
    }

    @api.model
    def _accepted_sql(self):
        return "l.prm_acceptance = 'accepted'"

    @api.model
    def _sourced_sql(self):
        return (
            "l.prm_routed_on IS NOT NULL OR EXISTS (SELECT 1 FROM "
            "prm_deal_registration r WHERE r.lead_id = l.id)"
        )

    @api.model
    def _hours_to_accept_sql(self):
        return (
            "CASE WHEN l.prm_accepted_on IS NOT NULL AND l.prm_routed_on IS NOT "
            "NULL THEN EXTRACT(EPOCH FROM l.prm_accepted_on - l.prm_routed_on) "
            "/ 3600.0 END"
        )
