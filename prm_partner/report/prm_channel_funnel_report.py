# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel funnel: one row per opportunity of a channel partner, read by
pivot and graph views. Routed -> accepted -> opportunity -> won; each step's
rate is a 0/100 column that is NULL outside the step before, so that its
average is the conversion of that step. prm_portal adds acceptance and
registrations through :meth:`_select_fields` (sale.report's pattern)."""

from odoo import api, fields, models
from odoo.tools import SQL


class PrmChannelFunnelReport(models.Model):
    _name = "prm.channel.funnel.report"
    _description = "Channel Funnel Analysis"
    _auto = False
    _rec_name = "lead_id"
    _order = "date desc"
    # flushed before each read of the report
    _depends = {
        "crm.lead": [
            "prm_partner_id",
            "prm_routed_on",
            "type",
            "stage_id",
            "active",
            "expected_revenue",
            "date_closed",
            "date_deadline",
            "company_id",
            "team_id",
        ],
        "res.partner": ["prm_tier_id", "prm_manager_id"],
        "crm.stage": ["is_won"],
    }

    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Channel Partner", readonly=True)
    tier_id = fields.Many2one("prm.tier", readonly=True)
    manager_id = fields.Many2one("res.users", string="Partner Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    stage_id = fields.Many2one("crm.stage", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Datetime(string="Routed or Created On", readonly=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True)
    date_deadline = fields.Date(string="Expected Closing", readonly=True)
    source = fields.Selection(
        [("sourced", "Partner-sourced"), ("influenced", "Partner-influenced")],
        readonly=True,
        help="Sourced: routed to the partner or registered by it. Influenced: "
        "a partner was set on an opportunity of the vendor.",
    )
    lead_count = fields.Integer(string="Leads", readonly=True)
    routed_count = fields.Integer(string="Routed", readonly=True)
    accepted_count = fields.Integer(string="Accepted", readonly=True)
    opportunity_count = fields.Integer(string="Opportunities", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    lost_count = fields.Integer(string="Lost", readonly=True)
    accept_rate = fields.Float(
        string="Accepted (% of routed)", readonly=True, aggregator="avg"
    )
    opportunity_rate = fields.Float(
        string="Opportunities (% of accepted)", readonly=True, aggregator="avg"
    )
    win_rate = fields.Float(
        string="Won (% of opportunities)", readonly=True, aggregator="avg"
    )
    hours_to_accept = fields.Float(
        string="Hours to Accept", readonly=True, aggregator="avg"
    )
    days_to_close = fields.Float(
        string="Days to Close", readonly=True, aggregator="avg"
    )
    pipeline = fields.Monetary(string="Open Pipeline", readonly=True)
    won_revenue = fields.Monetary(readonly=True)

    @api.model
    def _select_fields(self):
        """{column: SQL expression} over ``l`` (crm_lead), ``p`` (the channel
        partner), ``s`` (the stage) and ``c`` (the company)."""
        won = "COALESCE(s.is_won, FALSE)"
        accepted = self._accepted_sql()
        opportunity = "l.type = 'opportunity'"
        return {
            "lead_id": "l.id",
            "partner_id": "l.prm_partner_id",
            "tier_id": "p.prm_tier_id",
            "manager_id": "p.prm_manager_id",
            "company_id": "l.company_id",
            "team_id": "l.team_id",
            "stage_id": "l.stage_id",
            "currency_id": "c.currency_id",
            "date": "COALESCE(l.prm_routed_on, l.create_date)",
            "date_closed": "l.date_closed",
            "date_deadline": "l.date_deadline",
            "source": f"CASE WHEN {self._sourced_sql()} THEN 'sourced' "
            "ELSE 'influenced' END",
            "lead_count": "1",
            "routed_count": "CASE WHEN l.prm_routed_on IS NOT NULL THEN 1 ELSE 0 END",
            "accepted_count": f"CASE WHEN {accepted} THEN 1 ELSE 0 END",
            "opportunity_count": f"CASE WHEN {opportunity} THEN 1 ELSE 0 END",
            "won_count": f"CASE WHEN {won} THEN 1 ELSE 0 END",
            "lost_count": f"CASE WHEN NOT l.active AND NOT {won} THEN 1 ELSE 0 END",
            "accept_rate": "CASE WHEN l.prm_routed_on IS NULL THEN NULL "
            f"WHEN {accepted} THEN 100.0 ELSE 0.0 END",
            "opportunity_rate": f"CASE WHEN NOT ({accepted}) THEN NULL "
            f"WHEN {opportunity} THEN 100.0 ELSE 0.0 END",
            "win_rate": f"CASE WHEN NOT ({opportunity}) THEN NULL "
            f"WHEN {won} THEN 100.0 ELSE 0.0 END",
            "hours_to_accept": self._hours_to_accept_sql(),
            "days_to_close": f"CASE WHEN {won} AND l.date_closed IS NOT NULL THEN "
            "EXTRACT(EPOCH FROM l.date_closed - COALESCE(l.prm_routed_on, "
            "l.create_date)) / 86400.0 END",
            "pipeline": f"CASE WHEN l.active AND NOT {won} "
            "THEN COALESCE(l.expected_revenue, 0) ELSE 0 END",
            "won_revenue": f"CASE WHEN {won} THEN COALESCE(l.expected_revenue, 0) "
            "ELSE 0 END",
        }

    @api.model
    def _accepted_sql(self):
        """Without the portal's answer, a lead the partner works is an
        opportunity."""
        return "l.type = 'opportunity'"

    @api.model
    def _sourced_sql(self):
        return "l.prm_routed_on IS NOT NULL"

    @api.model
    def _hours_to_accept_sql(self):
        return "NULL::float"

    def _query(self):
        columns = SQL(", ").join(
            SQL("%s AS %s", SQL(expression), SQL.identifier(name))
            for name, expression in self._select_fields().items()
        )
        return SQL(
            """
            SELECT l.id AS id, %s
              FROM crm_lead l
              JOIN res_partner p ON p.id = l.prm_partner_id
              LEFT JOIN crm_stage s ON s.id = l.stage_id
              LEFT JOIN res_company c ON c.id = l.company_id
             WHERE l.prm_partner_id IS NOT NULL
            """,
            columns,
        )

    @property
    def _table_query(self):
        return self._query()
