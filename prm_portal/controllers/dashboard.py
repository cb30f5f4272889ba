# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, http
from odoo.http import request
from odoo.tools import date_utils
from odoo.tools.misc import format_amount, format_date

from odoo.addons.prm_partner.logic import tier_rules

from ..logic import dashboard
from .common import LIVE, PrmPortalSection
from .leads import LEADS_URL


class PrmDashboardPortal(PrmPortalSection):
    # ------------------------------------------------------------------
    # Sentences
    # ------------------------------------------------------------------

    def _prm_criterion_value(self, criterion, key, currency):
        value = criterion[key]
        if criterion["criterion"] == tier_rules.REVENUE:
            return format_amount(request.env, value, currency)
        if isinstance(value, int | float):
            return str(int(value))
        return value

    def _prm_tier_need(self, criterion, currency):
        """ "Gold needs 5 won deals, you have 0"."""
        env = request.env
        values = {
            "tier": criterion["tier"],
            "required": self._prm_criterion_value(criterion, "required", currency),
            "actual": self._prm_criterion_value(criterion, "actual", currency),
            "missing": self._prm_criterion_value(criterion, "missing", currency),
        }
        kind = criterion["criterion"]
        if kind == tier_rules.REVENUE:
            return env._(
                "%(tier)s needs %(required)s of attributed revenue, you have "
                "%(actual)s",
                **values,
            )
        if kind == tier_rules.WON_DEALS:
            return env._(
                "%(tier)s needs %(required)s won deals, you have %(actual)s", **values
            )
        if kind == tier_rules.CERTIFIED_CONTACTS:
            return env._(
                "%(tier)s needs %(required)s certified contacts, you have %(actual)s",
                **values,
            )
        if kind == tier_rules.CERTIFICATION_TYPES:
            return env._("%(tier)s needs the certifications %(missing)s", **values)
        return env._("%(tier)s needs a signed agreement %(missing)s", **values)

    def _prm_next_step(self, criterion, currency):
        """What to do for one unmet criterion of the next tier."""
        env = request.env
        values = {
            key: self._prm_criterion_value(criterion, key, currency)
            for key in ("required", "actual", "missing")
        }
        kind = criterion["criterion"]
        if kind == tier_rules.REVENUE:
            return env._("Sell %(missing)s more (%(actual)s of %(required)s)", **values)
        if kind == tier_rules.WON_DEALS:
            return env._(
                "Win %(missing)s more deals (%(actual)s of %(required)s)", **values
            )
        if kind == tier_rules.CERTIFIED_CONTACTS:
            return env._(
                "Certify %(missing)s more contacts (%(actual)s of %(required)s)",
                **values,
            )
        if kind == tier_rules.CERTIFICATION_TYPES:
            return env._("Earn the certifications %(missing)s", **values)
        return env._("Sign the agreement %(missing)s", **values)

    def _prm_risk_sentence(self, at_risk, currency):
        """ "Gold needs 5 won deals, you have 0: you drop to Registered on
        01/02/2027"."""
        env = request.env
        needs = "; ".join(
            self._prm_tier_need(criterion, currency) for criterion in at_risk["unmet"]
        )
        when = at_risk["date"] and format_date(env, at_risk["date"])
        drop_to = at_risk["drop_to"].name
        if when and drop_to:
            outcome = env._("you drop to %(tier)s on %(date)s", tier=drop_to, date=when)
        elif when:
            outcome = env._("you lose your tier on %(date)s", date=when)
        elif drop_to:
            outcome = env._(
                "the next evaluation moves you down to %(tier)s", tier=drop_to
            )
        else:
            outcome = env._("the next evaluation removes your tier")
        if not needs:
            return env._(
                "Your tier is under review: %(outcome)s unless it is confirmed",
                outcome=outcome,
            )
        return f"{needs}: {outcome}"

    def _prm_attention_steps(self, offered_leads, agreements, certifications):
        """Leads to answer, agreements to sign, certifications to renew."""
        env = request.env
        steps = [
            {
                "level": "primary",
                "icon": "fa-pencil",
                "url": f"/my/agreements/{agreement.id}",
                "text": env._("Sign the agreement %(name)s", name=agreement.name),
            }
            for agreement in agreements
        ]
        if offered_leads:
            steps.append(
                {
                    "level": "primary",
                    "icon": "fa-filter",
                    "url": f"{LEADS_URL}?filterby=offered",
                    "text": env._(
                        "Answer the leads routed to you (%(count)s)",
                        count=offered_leads,
                    ),
                }
            )
        for certification in certifications:
            steps.append(
                {
                    "level": "warning",
                    "icon": "fa-certificate",
                    "url": "/my/trainings",
                    "text": env._(
                        "Renew the certification %(name)s of %(holder)s: it "
                        "expires on %(date)s",
                        name=certification.type_id.name,
                        holder=(
                            certification.contact_id or certification.partner_id
                        ).name,
                        date=format_date(env, certification.expiry_date),
                    ),
                }
            )
        return steps

    # ------------------------------------------------------------------
    # Targets
    # ------------------------------------------------------------------

    def _prm_period_label(self, target):
        env = request.env
        if target.period_type == "month":
            return format_date(env, target.date_from, date_format="MMMM y")
        if target.period_type == "quarter":
            return env._(
                "Q%(quarter)s %(year)s",
                quarter=date_utils.get_quarter_number(target.date_from),
                year=target.date_from.year,
            )
        if target.period_type == "year":
            return str(target.date_from.year)
        return (
            f"{format_date(env, target.date_from)} - {format_date(env, target.date_to)}"
        )

    def _prm_target_rows(self, targets):
        rows = []
        for target in targets:
            rows.append(
                {
                    "target": target,
                    "is_money": target.kind == "revenue",
                    "period": self._prm_period_label(target),
                    "percent": int(round(target.achievement)),
                    "status": target.status,
                }
            )
        return rows

    def _prm_funnel_rows(self, partner, today):
        rows = partner._prm_portal_funnel(today)
        for row in rows:
            row["rate_text"] = row["rate"] is not None and request.env._(
                "%(rate)s%% of the step before", rate=row["rate"]
            )
        return rows

    # ------------------------------------------------------------------
    # Page
    # ------------------------------------------------------------------

    @http.route(["/my/partner"], type="http", auth="user", website=True)
    def prm_portal_dashboard(self, **kw):
        partner = self._prm_partner()
        if not partner.prm_is_partner:
            return request.redirect("/my")
        env = request.env
        today = fields.Date.context_today(partner)
        currency = partner.prm_currency_id
        status = partner._prm_portal_tier_status(today)
        steps = []
        if status["at_risk"]:
            steps.append(
                {
                    "level": "danger",
                    "icon": "fa-exclamation-triangle",
                    "text": self._prm_risk_sentence(status["at_risk"], currency),
                }
            )
        if status["next"]:
            for criterion in status["next"]["criteria"]:
                if not criterion["met"]:
                    steps.append(
                        {
                            "level": "info",
                            "icon": "fa-arrow-up",
                            "text": self._prm_next_step(criterion, currency),
                        }
                    )
        Lead = env["crm.lead"].sudo()
        offered_leads = Lead.search_count(Lead._prm_portal_domain(partner, ["offered"]))
        agreements_to_sign = env["prm.agreement"]
        if self._prm_is_partner():  # suspended and terminated partners cannot sign
            agreements_to_sign = agreements_to_sign.search(
                [("partner_id", "=", partner.id), ("state", "=", "sent")], limit=10
            )
        expiring = (
            env["prm.certification"]
            .search(
                [("partner_id", "=", partner.id), ("state", "=", "expiring")],
                limit=10,
            )
            .sudo()
        )
        steps += self._prm_attention_steps(offered_leads, agreements_to_sign, expiring)
        targets = (
            env["prm.target"]
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("date_to", ">=", today),
                    ("date_from", "<=", today),
                ],
                limit=10,
            )
            .sudo()
        )
        trend = partner._prm_portal_trend(today)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_dashboard",
                "prm_partner": partner,
                "tier": partner.prm_tier_id,
                "status": status,
                "next_steps": steps,
                "target_rows": self._prm_target_rows(targets),
                "trend": trend,
                "funnel": self._prm_funnel_rows(partner, today),
                "trend_labels": [
                    format_date(env, month, date_format="MMM yy")
                    for month in trend["months"]
                ],
                "trend_text": {
                    key: [format_amount(env, v, trend["currency"]) for v in trend[key]]
                    for key in ("revenue", "commissions")
                },
                "trend_bars": {
                    key: dashboard.bar_heights(trend[key])
                    for key in ("revenue", "commissions")
                },
                "open_deals": env["prm.deal.registration"].search_count(
                    [("partner_id", "=", partner.id), ("state", "in", LIVE)]
                ),
                "offered_leads": offered_leads,
                "figures": partner._prm_portal_commission_figures(today),
                "current_plans": env["prm.business.plan"]
                .search(
                    [
                        ("partner_id", "=", partner.id),
                        ("state", "!=", "closed"),
                        ("date_from", "<=", today),
                        ("date_to", ">=", today),
                    ],
                    limit=2,
                )
                .sudo(),
            }
        )
        return request.render("prm_portal.portal_prm_dashboard", values)
