# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a channel partner achieved: attributed revenue, won deals, new
customers, its scorecard and the metrics the tier rules read.

Every method is batched: one grouped read per measure, whatever the number
of partners.
"""

import datetime
from collections import defaultdict

from odoo import api, fields, models

from ..logic import certifications as cert_rules
from ..logic import dates as date_rules
from ..logic import tier_rules


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
        One grouped read plus one rate lookup per order currency.
        """
        company = company or self.env.company
        currency = currency or company.currency_id
        domain = [
            ("prm_partner_id", "in", self.ids),
            ("state", "=", "sale"),
            ("company_id", "=", company.id),
        ]
        domain += _datetime_window("date_order", date_from, date_to)
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                domain, ["prm_partner_id", "currency_id"], ["amount_untaxed:sum"]
            )
        )
        today = fields.Date.context_today(self)
        rates = {}
        totals = defaultdict(float)
        for partner, order_currency, amount in groups:
            if order_currency not in rates:
                rates[order_currency] = (
                    1.0
                    if order_currency == currency
                    else order_currency._get_conversion_rate(
                        order_currency, currency, company, today
                    )
                )
            totals[partner.id] += amount * rates[order_currency]
        return totals

    def _prm_won_deals_since(self, date_from, date_to=None, company=None):
        """{partner id: won opportunities} of ``company`` (or without company).

        Wins the partner reported on the portal count once a confirmed sale
        order backs them or a PRM user confirmed them.
        """
        company = company or self.env.company
        domain = [
            ("prm_partner_id", "in", self.ids),
            ("stage_id.is_won", "=", True),
            ("company_id", "in", (company.id, False)),
            # a win the partner reported itself counts once backed
            "|",
            ("prm_win_reported", "=", False),
            "|",
            ("prm_win_confirmed_by_id", "!=", False),
            ("order_ids.state", "=", "sale"),
        ]
        domain += _datetime_window("date_closed", date_from, date_to)
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(domain, ["prm_partner_id"], ["__count"])
        )
        return {partner.id: count for partner, count in groups}

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
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("prm_partner_id", "in", self.ids),
                    ("state", "=", "sale"),
                    ("company_id", "=", company.id),
                ],
                ["prm_partner_id", "partner_id"],
                having=[("date_order:min", ">=", start), ("date_order:min", "<", end)],
            )
        )
        counts = defaultdict(int)
        for partner, _customer in groups:
            counts[partner.id] += 1
        return counts

    def _prm_certified_contacts_of(self, company=None):
        """{partner id: contacts holding a certification in force} of ``company``
        (a level, not a sum over a period)."""
        company = company or self.env.company
        groups = (
            self.env["prm.certification"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.ids),
                    *cert_rules.in_force_domain(),
                    ("company_id", "=", company.id),
                ],
                ["partner_id"],
                ["contact_id:count_distinct"],
            )
        )
        return {partner.id: count for partner, count in groups}

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
        return {
            partner.id: partner.prm_csat
            for partner in self.sudo().search_fetch(
                [("id", "in", self.ids)], ["prm_csat"]
            )
        }

    @api.model
    def _prm_kpi_actuals(self, items):
        """Actuals of many KPIs at once: ``items`` is an iterable of
        ``(key, partner id, kind, date_from, date_to, company id)``; returns
        {key: value}. One computation per distinct (company, kind, period),
        whatever the number of partners."""
        groups = defaultdict(list)
        for key, partner_id, kind, date_from, date_to, company_id in items:
            groups[(company_id, kind, date_from, date_to)].append((key, partner_id))
        values = {}
        Company = self.env["res.company"]
        for (company_id, kind, date_from, date_to), keys in groups.items():
            partners = self.browse({partner_id for __, partner_id in keys})
            totals = self._prm_period_actuals(
                partners, kind, date_from, date_to, company=Company.browse(company_id)
            )
            for key, partner_id in keys:
                values[key] = totals.get(partner_id, 0.0)
        return values

    def _prm_tier_metrics(self, tiers, today, company=None):
        """Metrics of every partner in ``self`` for the tier rules, batched.

        Only the sales, opportunities, certifications and agreements of
        ``company`` (default: the tiers' company) count. The number of queries
        depends on the number of distinct revenue windows of ``tiers`` and of
        order currencies, never on the number of partners.
        """
        company = company or tiers[:1].company_id or self.env.company
        metrics = {partner.id: tier_rules.empty_metrics() for partner in self}
        for months in set(tiers.mapped("revenue_window_months")):
            start = date_rules.window_start(today, months)
            revenue = self._prm_revenue_since(start, company=company)
            won = self._prm_won_deals_since(start, company=company)
            for partner_id, values in metrics.items():
                values["revenue_by_window"][months] = revenue.get(partner_id, 0.0)
                values["won_deals_by_window"][months] = won.get(partner_id, 0)
        for partner_id, csat in self._prm_csat_of().items():
            metrics[partner_id]["csat"] = csat
        Certification = self.env["prm.certification"].sudo()
        valid = [
            ("partner_id", "in", self.ids),
            *cert_rules.in_force_domain(),
            ("company_id", "=", company.id),
        ]
        for partner, count in Certification._read_group(
            valid, ["partner_id"], ["contact_id:count_distinct"]
        ):
            metrics[partner.id]["certified_contacts"] = count
        for partner, cert_type in Certification._read_group(
            valid, ["partner_id", "type_id"]
        ):
            metrics[partner.id]["certification_type_ids"].add(cert_type.id)
        for partner, agreement_type in (
            self.env["prm.agreement"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("state", "in", ("signed", "active")),
                    ("company_id", "=", company.id),
                ],
                ["partner_id", "type_id"],
            )
        ):
            metrics[partner.id]["agreement_type_ids"].add(agreement_type.id)
        return metrics
