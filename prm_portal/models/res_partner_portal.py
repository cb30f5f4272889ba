# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Figures of the partner portal pages, read for the user's own partner:
commissions, tier status with the criteria of the next tier, 12-month trend."""

from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields, models

from odoo.addons.prm_partner.logic import tier_rules

from ..logic import dashboard

SETTLED_STATES = ("approved", "invoiced", "paid")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _prm_portal_commission_figures(self, today):
        """Commission figures of the portal pages, consistent with their lists.

        ``pending``: lines in no statement yet (what the "not in a statement"
        list sums); ``awaiting``: lines of statements in preparation (draft),
        which the partner cannot see yet; ``settled``: approved, invoiced or
        paid statements whose period ends this year, ``paid`` those paid.
        Each figure is a list of ``(amount, currency)``, one per currency.
        """
        self.ensure_one()
        partner = self.commercial_partner_id
        Line = self.env["prm.commission.line"].sudo()
        Settlement = self.env["prm.commission.settlement"].sudo()
        figures = {
            key: defaultdict(float)
            for key in ("pending", "awaiting", "settled", "paid")
        }
        own = [("partner_id", "=", partner.id)]
        for currency, amount in Line._read_group(
            own
            + [
                ("settlement_id", "=", False),
                ("state", "in", ("confirmed", "reversed")),
            ],
            ["currency_id"],
            ["amount:sum"],
        ):
            figures["pending"][currency] += amount
        for currency, amount in Line._read_group(
            own + [("settlement_id.state", "=", "draft")],
            ["currency_id"],
            ["amount:sum"],
        ):
            figures["awaiting"][currency] += amount
        for state, currency, amount in Settlement._read_group(
            own
            + [
                ("state", "in", SETTLED_STATES),
                ("date_to", ">=", date(today.year, 1, 1)),
                ("date_to", "<=", date(today.year, 12, 31)),
            ],
            ["state", "currency_id"],
            ["amount_total:sum"],
        ):
            figures["settled"][currency] += amount
            if state == "paid":
                figures["paid"][currency] += amount
        main = partner.prm_currency_id
        result = {"currency": main}
        for key, amounts in figures.items():
            result[key] = sorted(
                ((amount, currency) for currency, amount in amounts.items()),
                key=lambda item: (item[1] != main, item[1].name),
            )
        return result

    def _prm_portal_tier_status(self, today):
        """Where the partner stands: the next tier with its criteria and the
        overall progress, and the current tier when it is at risk (criteria
        no longer met or a demotion announced) with the tier it drops to."""
        self.ensure_one()
        partner = self.commercial_partner_id.sudo()
        company = partner._prm_company()
        tiers = self.env["prm.tier"].sudo().search([("company_id", "=", company.id)])
        status = {"next": None, "at_risk": None}
        if not tiers:
            return status
        metrics = partner._prm_tier_metrics(tiers, today, company=company)[partner.id]
        rules = tiers._prm_rule_values()
        current = partner.prm_tier_id
        progress = tier_rules.progress(
            metrics, rules, current.rank if current else None
        )
        if progress["tier"]:
            next_tier = tiers.browse(progress["tier"]["id"])
            status["next"] = {
                "tier": next_tier,
                "criteria": self._prm_describe_criteria(
                    progress["criteria"], next_tier
                ),
                "percent": progress["percent"],
            }
        if current:
            current_rule = current._prm_rule_values()[0]
            results = tier_rules.criteria_results(metrics, current_rule)
            unmet = [result for result in results if not result["met"]]
            if unmet or partner.prm_tier_demotion_date:
                lower = tier_rules.qualifying_tier(
                    metrics, [rule for rule in rules if rule["rank"] < current.rank]
                )
                status["at_risk"] = {
                    "tier": current,
                    "criteria": self._prm_describe_criteria(results, current),
                    "unmet": self._prm_describe_criteria(unmet, current),
                    "date": partner.prm_tier_demotion_date,
                    "drop_to": tiers.browse(lower["id"]) if lower else tiers.browse(),
                }
        return status

    def _prm_portal_trend(self, today, months=12):
        """Attributed revenue and commissions of the last ``months`` months,
        in the company currency, oldest month first."""
        self.ensure_one()
        partner = self.commercial_partner_id
        company = partner._prm_company()
        currency = company.currency_id
        starts = dashboard.month_starts(today, months)
        first = fields.Datetime.to_datetime(starts[0])
        revenue = defaultdict(float)
        rates = {}
        for month, order_currency, amount in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("prm_partner_id", "=", partner.id),
                    ("state", "=", "sale"),
                    ("company_id", "=", company.id),
                    ("date_order", ">=", first),
                ],
                ["date_order:month", "currency_id"],
                ["amount_untaxed:sum"],
            )
        ):
            if order_currency not in rates:
                rates[order_currency] = order_currency._get_conversion_rate(
                    order_currency, currency, company, today
                )
            revenue[month.date() if hasattr(month, "date") else month] += (
                amount * rates[order_currency]
            )
        commissions = defaultdict(float)
        for month, amount in (
            self.env["prm.commission.line"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("state", "in", ("confirmed", "settled", "reversed")),
                    ("date", ">=", starts[0]),
                ],
                ["date:month"],
                ["amount_company:sum"],
            )
        ):
            commissions[month] += amount
        return {
            "months": starts,
            "revenue": dashboard.bucket(revenue, starts),
            "commissions": dashboard.bucket(commissions, starts),
            "currency": currency,
        }

    def _prm_portal_funnel(self, today, months=12):
        """The partner's own funnel over the last ``months`` months: rows of
        :func:`dashboard.funnel_steps`, from the channel funnel report (one
        grouped read, the same figures and rates as the backend's)."""
        self.ensure_one()
        since = fields.Datetime.to_datetime(today - relativedelta(months=months))
        # the report is for PRM users: read for this partner only
        ((routed, accepted, opportunities, won, accept, opportunity, win),) = (
            self.env["prm.channel.funnel.report"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("date", ">=", since),
                ],
                [],
                [
                    "routed_count:sum",
                    "accepted_count:sum",
                    "opportunity_count:sum",
                    "won_count:sum",
                    "accept_rate:avg",
                    "opportunity_rate:avg",
                    "win_rate:avg",
                ],
            )
        )
        return dashboard.funnel_steps(
            {
                "routed": routed or 0,
                "accepted": accepted or 0,
                "opportunities": opportunities or 0,
                "won": won or 0,
            },
            {"accepted": accept, "opportunities": opportunity, "won": win},
        )
