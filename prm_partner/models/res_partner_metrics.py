# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a channel partner achieved: attributed revenue, won deals, new
customers, its scorecard and the metrics the tier rules read.

Every method is batched: one grouped read per measure, whatever the number
of partners.
"""

import datetime
from collections import defaultdict
from itertools import repeat

from odoo import api, fields, models
from odoo.tools import SQL

from ..logic import certifications as cert_rules
from ..logic import dates as date_rules
from ..logic import tier_rules
from ..logic.pg_arrays import id_array


def _datetime_window(fname, date_from, date_to):
    """Domain on the datetime ``fname`` for the days ``date_from`` to
    ``date_to`` included (either may be empty)."""
    domain = []
    if date_from:
        domain.append((fname, ">=", fields.Datetime.to_datetime(date_from)))
    if date_to:
        end = fields.Datetime.to_datetime(date_to) + datetime.timedelta(days=1)
        domain.append((fname, "<", end))
    return domain


def restrict_to_ids(Model, query, fname, ids, join=False):
    """Restrict ``query`` (on ``Model``) to the records whose ``fname`` is
    one of ``ids``, the ids sent as one array literal: a domain's ``in``
    sends one parameter per id, and at 10,000 partners adapting and parsing
    them costs more than some of the queries themselves.

    ``join``: the ids as a semi-join of the unnested array. The planner
    estimates ``= ANY(array)`` one element at a time, for each join order it
    weighs: a query of several tables (the won deals) took 6 ms to plan at
    10,000 partners, three times its run. A single table is better off with
    the array (hashed, and the scan may run in parallel)."""
    column = Model._field_to_sql(Model._table, fname, query)
    array = id_array(ids)
    query.add_where(
        SQL("%s IN (SELECT unnest(%s::int4[]))", column, array)
        if join
        else SQL("%s = ANY(%s::int4[])", column, array)
    )
    return query


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited
class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_certified_contact_count = fields.Integer(
        string="Certified Contacts", compute="_compute_prm_certified_contact_count"
    )
    prm_revenue_ytd = fields.Monetary(
        string="Revenue This Year",
        compute="_compute_prm_scorecard",
        currency_field="prm_currency_id",
    )
    prm_won_deals_ytd = fields.Integer(
        string="Won Deals This Year", compute="_compute_prm_scorecard"
    )
    prm_open_lead_count = fields.Integer(
        string="Open Leads", compute="_compute_prm_scorecard"
    )
    # Written by the satisfaction surveys (prm_training), read by the tier
    # rules, the plan KPIs and the scorecard.
    prm_csat = fields.Float(
        string="Customer Satisfaction (%)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Average answer of the partner's end customers to the customer "
        "satisfaction survey over the last twelve months, in percent.",
    )
    prm_csat_count = fields.Integer(
        string="Customer Answers", readonly=True, copy=False
    )
    prm_nps = fields.Float(
        string="Partner NPS",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Net promoter score of the partner's own contacts over the last "
        "twelve months: promoters (9-10) minus detractors (0-6), in percent.",
    )
    prm_nps_count = fields.Integer(string="Partner Answers", readonly=True, copy=False)
    prm_currency_id = fields.Many2one(
        "res.currency", string="Program Currency", compute="_compute_prm_currency_id"
    )

    def _compute_prm_currency_id(self):
        for partner in self:
            partner.prm_currency_id = (
                partner.company_id or self.env.company
            ).currency_id

    def _compute_prm_certified_contact_count(self):
        groups = self.env["prm.certification"]._read_group(
            [("partner_id", "in", self.ids), *cert_rules.in_force_domain()],
            ["partner_id"],
            ["contact_id:count_distinct"],
        )
        counts = {partner.id: count for partner, count in groups}
        for partner in self:
            partner.prm_certified_contact_count = counts.get(partner.id, 0)

    def _compute_prm_scorecard(self):
        today = fields.Date.context_today(self)
        year_start = today.replace(month=1, day=1)
        revenue = self._prm_revenue_since(year_start)
        won = self._prm_won_deals_since(year_start)
        open_leads = self._prm_open_lead_counts()
        for partner in self:
            partner.prm_revenue_ytd = revenue.get(partner.id, 0.0)
            partner.prm_won_deals_ytd = won.get(partner.id, 0)
            partner.prm_open_lead_count = open_leads.get(partner.id, 0)

    def _prm_company(self):
        return self.company_id or self.env.company

    def _prm_revenue_since(self, date_from, date_to=None, currency=None, company=None):
        """{partner id: confirmed attributed revenue (untaxed)} in ``currency``.

        Only the orders of ``company`` (default: the current company) count.
        One query plus one rate lookup per order currency.
        """
        company = company or self.env.company
        currency = currency or company.currency_id
        # plain rows, not the records of a grouped read: at 10,000 partners
        # the records cost more than the sums
        rows = self._prm_by_windows(
            "sale.order",
            [
                ("state", "=", "sale"),
                ("company_id", "=", company.id),
                *_datetime_window("date_order", None, date_to),
            ],
            "date_order",
            [date_from],
            "SUM(%s)",
            ["amount_untaxed"],
            by=["currency_id"],
        )
        today = fields.Date.context_today(self)
        rates = {currency.id: 1.0}
        totals = defaultdict(float)
        for partner_id, currency_id, amount in rows:
            if currency_id not in rates:
                order_currency = self.env["res.currency"].browse(currency_id)
                rates[currency_id] = order_currency._get_conversion_rate(
                    order_currency, currency, company, today
                )
            totals[partner_id] += (amount or 0.0) * rates[currency_id]
        return totals

    def _prm_won_deals_since(self, date_from, date_to=None, company=None):
        """{partner id: won opportunities} of ``company`` (or without company).

        Wins the partner reported on the portal count once a confirmed sale
        order backs them or a PRM user confirmed them.
        """
        rows = self._prm_by_windows(
            "crm.lead",
            [
                *self._prm_won_deals_domain(company, partners=False),
                *_datetime_window("date_closed", None, date_to),
            ],
            "date_closed",
            [date_from],
            "COUNT(*)",
            join=True,
        )
        return dict(rows)

    def _prm_won_deals_domain(self, company=None, partners=True):
        """The won opportunities of the partners of ``self`` that count
        (``partners`` False: of any partner, the caller restricts them)."""
        company = company or self.env.company
        return [
            *([("prm_partner_id", "in", self.ids)] if partners else []),
            ("stage_id.is_won", "=", True),
            ("company_id", "in", (company.id, False)),
            # a win the partner reported itself counts once backed
            "|",
            ("prm_win_reported", "=", False),
            "|",
            ("prm_win_confirmed_by_id", "!=", False),
            ("order_ids.state", "=", "sale"),
        ]

    def _prm_by_windows(
        self, model, domain, date_field, starts, measure, measured=(), by=(), join=False
    ):
        """Rows ``(partner id, *by, value of each start)``: ``measure`` (an
        aggregate of the fields ``measured``, as SQL) of the ``model`` records
        of ``domain`` dated from each of ``starts`` (None: all of them),
        grouped by ``prm_partner_id`` (one of the partners of ``self``) and
        ``by``. One query for all windows: the rows are read once, each
        window filters its share. ``join``: see ``restrict_to_ids``."""
        Model = self.env[model].sudo()
        # the widest window is the query's own: its rows need no filter
        widest = None if None in starts else min(starts)
        if widest is not None:
            domain = [*domain, *_datetime_window(date_field, widest, None)]
        query = Model._search(domain)
        if query.is_empty() or not self:
            return []
        restrict_to_ids(Model, query, "prm_partner_id", self.ids, join=join)
        column = Model._field_to_sql(Model._table, date_field, query)
        aggregate = SQL(
            measure,
            *(Model._field_to_sql(Model._table, f, query) for f in measured),
        )
        groups = [
            Model._field_to_sql(Model._table, fname, query)
            for fname in ("prm_partner_id", *by)
        ]
        query.groupby = SQL(", ").join(groups)
        return self.env.execute_query(
            query.select(
                *groups,
                *(
                    SQL(
                        "%s FILTER (WHERE %s >= %s)",
                        aggregate,
                        column,
                        fields.Datetime.to_datetime(start),
                    )
                    if start and start != widest
                    else aggregate
                    for start in starts
                ),
            )
        )

    def _prm_open_lead_counts(self):
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("prm_partner_id", "in", self.ids),
                    ("active", "=", True),
                    ("stage_id.is_won", "=", False),
                ],
                ["prm_partner_id"],
                ["__count"],
            )
        )
        return {partner.id: count for partner, count in groups}

    def _prm_new_customers(self, date_from, date_to, company=None):
        """{partner id: customers whose first attributed order falls in the period}."""
        company = company or self.env.company
        # only the pairs whose first order is in the period come back, not
        # every (partner, customer) pair of the partners' history
        start, end = (
            condition[2]
            for condition in _datetime_window("date_order", date_from, date_to)
        )
        Order = self.env["sale.order"].sudo()
        query = Order._search([("state", "=", "sale"), ("company_id", "=", company.id)])
        if query.is_empty() or not self:
            return {}
        restrict_to_ids(Order, query, "prm_partner_id", self.ids)
        partner, customer, date_order = (
            Order._field_to_sql(Order._table, fname, query)
            for fname in ("prm_partner_id", "partner_id", "date_order")
        )
        query.groupby = SQL("%s, %s", partner, customer)
        query.having = SQL(
            "MIN(%s) >= %s AND MIN(%s) < %s", date_order, start, date_order, end
        )
        # counted per partner on the server: one row per partner, not one
        # per pair
        rows = self.env.execute_query(
            SQL(
                "SELECT firsts.partner_id, COUNT(*) FROM (%s) AS firsts(partner_id)"
                " GROUP BY firsts.partner_id",
                query.select(partner),
            )
        )
        return dict(rows)

    def _prm_certified_contacts_of(self, company=None):
        """{partner id: contacts holding a certification in force} of ``company``
        (a level, not a sum over a period)."""
        company = company or self.env.company
        # plain rows, not a grouped read: its records and one parameter per
        # partner cost twice the count itself at 10,000 partners
        Certification = self.env["prm.certification"].sudo()
        query = Certification._search(
            [*cert_rules.in_force_domain(), ("company_id", "=", company.id)]
        )
        if query.is_empty() or not self:
            return {}
        restrict_to_ids(Certification, query, "partner_id", self.ids)
        partner, contact = (
            Certification._field_to_sql(Certification._table, fname, query)
            for fname in ("partner_id", "contact_id")
        )
        query.groupby = partner
        return dict(
            self.env.execute_query(
                query.select(partner, SQL("COUNT(DISTINCT %s)", contact))
            )
        )

    @api.model
    def _prm_period_actuals(self, partners, kind, date_from, date_to, company=None):
        """{partner id: actual of ``kind`` over the period}: the one
        computation of targets and plan KPIs; other addons add kinds."""
        if kind == "revenue":
            return partners._prm_revenue_since(date_from, date_to, company=company)
        if kind == "won_deals":
            return partners._prm_won_deals_since(date_from, date_to, company=company)
        if kind == "new_customers":
            return partners._prm_new_customers(date_from, date_to, company=company)
        if kind == "certified_contacts":
            return partners._prm_certified_contacts_of(company=company)
        if kind == "customer_satisfaction":
            return partners._prm_csat_of()
        return {}

    def _prm_csat_of(self):
        """{partner id: customer satisfaction in percent}, one query."""
        Partner = self.sudo()
        query = Partner._search([("id", "in", self.ids)])
        if query.is_empty():
            return {}
        rows = self.env.execute_query(
            query.select(
                Partner._field_to_sql(Partner._table, "id", query),
                Partner._field_to_sql(Partner._table, "prm_csat", query),
            )
        )
        return {partner_id: csat or 0.0 for partner_id, csat in rows}

    @api.model
    def _prm_kpi_actuals(self, items):
        """Actuals of many KPIs at once: ``items`` is an iterable of
        ``(key, partner id, kind, date_from, date_to, company id)``; returns
        {key: value}. One computation per distinct (company, kind, period),
        whatever the number of partners."""
        # keys and partners in parallel lists, not a pair per item: at
        # 40,000 KPIs the pairs are as many objects for Python's garbage
        # collector to go through
        groups = {}
        for key, partner_id, kind, date_from, date_to, company_id in items:
            group = groups.get((company_id, kind, date_from, date_to))
            if group is None:
                group = groups[company_id, kind, date_from, date_to] = ([], [])
            group[0].append(key)
            group[1].append(partner_id)
        values = {}
        Company = self.env["res.company"]
        for (company_id, kind, date_from, date_to), group in groups.items():
            keys, partner_ids = group
            totals = self._prm_period_actuals(
                self.browse(set(partner_ids)),
                kind,
                date_from,
                date_to,
                company=Company.browse(company_id),
            )
            values.update(
                zip(keys, map(totals.get, partner_ids, repeat(0.0)), strict=True)
            )
        return values

    def _prm_tier_metrics(self, tiers, today, company=None, csat=None):
        """Metrics of every partner in ``self`` for the tier rules, batched.

        ``csat``: {partner id: customer satisfaction} when the caller read
        it already (evaluation reads it with the partner rows), else read.

        Only the sales, opportunities, certifications and agreements of
        ``company`` (default: the tiers' company) count. One query per
        measure for all the revenue windows of ``tiers``, plus one rate
        lookup per order currency: never one per partner. Plain rows, not
        records: at 10,000 partners building records would cost more than
        the sums. Returns a ``tier_rules.MetricsTable``: the partners with
        no figure share its read-only ``empty`` metrics; fill a partner's
        own with ``own()``.
        """
        company = company or tiers[:1].company_id or self.env.company
        windows = sorted(set(tiers.mapped("revenue_window_months")))
        starts = [date_rules.window_start(today, months) for months in windows]
        # the partners without any figure share one empty mapping
        metrics = tier_rules.MetricsTable(windows)
        currency = company.currency_id
        rates = {currency.id: 1.0}
        for partner_id, currency_id, *sums in self._prm_by_windows(
            "sale.order",
            [
                ("state", "=", "sale"),
                ("company_id", "=", company.id),
            ],
            "date_order",
            starts,
            "SUM(%s)",
            ["amount_untaxed"],
            by=["currency_id"],
        ):
            if currency_id not in rates:
                order_currency = self.env["res.currency"].browse(currency_id)
                rates[currency_id] = order_currency._get_conversion_rate(
                    order_currency, currency, company, today
                )
            revenue = metrics.own(partner_id)["revenue_by_window"]
            for months, amount in zip(windows, sums, strict=True):
                revenue[months] += (amount or 0.0) * rates[currency_id]
        for partner_id, *counts in self._prm_by_windows(
            "crm.lead",
            self._prm_won_deals_domain(company, partners=False),
            "date_closed",
            starts,
            "COUNT(*)",
            join=True,
        ):
            metrics.own(partner_id)["won_deals_by_window"].update(
                zip(windows, counts, strict=True)
            )
        if csat is None:
            csat = self._prm_csat_of()
        for partner_id, value in csat.items():
            if value:
                metrics.own(partner_id)["csat"] = value
        self._prm_tier_metrics_of_types(metrics, company)
        return metrics

    def _prm_tier_metrics_of_types(self, metrics, company):
        """Certified contacts, certification types and agreement types of
        the partners of ``metrics``: one query each."""
        for model, domain, column, counted in (
            ("prm.certification", cert_rules.in_force_domain(), "type_id", True),
            (
                "prm.agreement",
                [("state", "in", ("signed", "active"))],
                "type_id",
                False,
            ),
        ):
            Model = self.env[model].sudo()
            query = Model._search([*domain, ("company_id", "=", company.id)])
            if query.is_empty() or not self:
                continue
            restrict_to_ids(Model, query, "partner_id", self.ids)
            partner = Model._field_to_sql(Model._table, "partner_id", query)
            query.groupby = partner
            rows = self.env.execute_query(
                query.select(
                    partner,
                    SQL(
                        "ARRAY_AGG(DISTINCT %s)",
                        Model._field_to_sql(Model._table, column, query),
                    ),
                    SQL(
                        "COUNT(DISTINCT %s)",
                        Model._field_to_sql(Model._table, "contact_id", query),
                    )
                    if counted
                    else SQL("0"),
                )
            )
            key = "certification_type_ids" if counted else "agreement_type_ids"
            for partner_id, type_ids, count in rows:
                values = metrics.own(partner_id)
                values[key] = set(filter(None, type_ids))
                if counted:
                    values["certified_contacts"] = count
