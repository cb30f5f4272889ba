# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.prm_partner.logic import dates


class PrmCommissionSettlementWizard(models.TransientModel):
    _name = "prm.commission.settlement.wizard"
    _description = "Create Commission Settlements"

    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        required=True,
        default="month",
    )
    date = fields.Date(
        string="Any Day of the Period",
        required=True,
        default=lambda self: self._default_date(),
        help="Defaults to a day of the previous month.",
    )
    date_from = fields.Date(compute="_compute_dates")
    date_to = fields.Date(compute="_compute_dates")
    partner_ids = fields.Many2many(
        "res.partner",
        string="Partners",
        domain="[('prm_is_partner', '=', True)]",
        help="Leave empty to settle every partner with confirmed commissions.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def _default_date(self):
        first = dates.period_bounds(fields.Date.context_today(self), "month")[0]
        return first - datetime.timedelta(days=1)

    @api.depends("period", "date")
    def _compute_dates(self):
        for wizard in self:
            if wizard.date and wizard.period:
                wizard.date_from, wizard.date_to = dates.period_bounds(
                    wizard.date, wizard.period
                )
            else:
                wizard.date_from = wizard.date_to = False

    def _prm_create_settlements(self):
        """One settlement per partner and currency; returns the settlements."""
        self.ensure_one()
        lines_model = self.env["prm.commission.line"]
        domain = lines_model._prm_settleable_domain(
            self.date_from,
            self.date_to,
            partners=self.partner_ids.commercial_partner_id,
            company=self.company_id,
        )
        lines = lines_model.search(domain, order="partner_id, currency_id, date, id")
        if not lines:
            raise UserError(
                self.env._(
                    "No confirmed commission to settle between %(date_from)s and "
                    "%(date_to)s.",
                    date_from=format_date(self.env, self.date_from),
                    date_to=format_date(self.env, self.date_to),
                )
            )
        return self._prm_settle_lines(
            lines, self.company_id, self.date_from, self.date_to
        )

    @api.model
    def _prm_settle_lines(self, lines, company, date_from, date_to):
        """Settle ``lines`` (of ``company``): one settlement per partner and
        currency for the period; returns the settlements."""
        lines.fetch(["partner_id", "currency_id"])
        groups = defaultdict(list)
        for line in lines:
            groups[(line.partner_id.id, line.currency_id.id)].append(line.id)
        keys = list(groups)
        settlements = (
            self.env["prm.commission.settlement"]
            .with_company(company)
            .create(
                [
                    {
                        "partner_id": partner_id,
                        "currency_id": currency_id,
                        "company_id": company.id,
                        "date_from": date_from,
                        "date_to": date_to,
                    }
                    for partner_id, currency_id in keys
                ]
            )
        )
        # the user may read these lines (record rules applied by the search);
        # linking them to their settlement is done by the system
        settling = lines.sudo().with_context(prm_commission_settling=True)
        for settlement, key in zip(settlements, keys, strict=True):
            settling.browse(groups[key]).write(
                {"settlement_id": settlement.id, "state": "settled"}
            )
        return settlements

    @api.model
    def action_settle_period(self, date, period="month", partner_ids=None):
        """Settle the period holding ``date`` (used by scheduled or demo data)."""
        wizard = self.create(
            {
                "date": date,
                "period": period,
                "partner_ids": [(6, 0, partner_ids or [])],
            }
        )
        return wizard._prm_create_settlements().ids

    @api.model
    def _cron_settle_previous_month(self):
        """Settle last month in every company: by chunks of partners
        (setting ``prm_commission.settle_month.chunk_size``), each partner
        settled whole in one transaction; a settled partner has no
        settleable line left, so a resumed run goes on with the others.
        Returns the settlements made."""
        settlements = []
        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_commission.settle_month",
            self.env["res.partner"].sudo().with_context(active_test=False),
            self._prm_settle_run_domain,
            lambda partners, started: self._prm_settle_run_chunk(
                partners, started, settlements
            ),
            default_chunk_size=50,
        )
        return self.env["prm.commission.settlement"].browse(
            [s.id for chunk in settlements for s in chunk]
        )

    @api.model
    def _prm_settle_run_period(self, started):
        """The month before the run's start (kept by a resumed run)."""
        today = fields.Date.context_today(self, started)
        first = dates.period_bounds(today, "month")[0]
        return dates.period_bounds(first - datetime.timedelta(days=1), "month")

    @api.model
    def _prm_settle_run_domain(self, started):
        date_from, date_to = self._prm_settle_run_period(started)
        lines = self.env["prm.commission.line"]
        return [
            (
                "prm_commission_line_ids",
                "any",
                lines._prm_settleable_domain(date_from, date_to),
            )
        ]

    @api.model
    def _prm_settle_run_chunk(self, partners, started, settlements):
        """Settle all the settleable lines of ``partners`` (locked by the
        runner, so no other worker settles them meanwhile)."""
        date_from, date_to = self._prm_settle_run_period(started)
        lines_model = self.env["prm.commission.line"].sudo()
        lines = lines_model.search(
            lines_model._prm_settleable_domain(date_from, date_to, partners=partners),
            order="company_id, partner_id, currency_id, date, id",
        )
        by_company = defaultdict(lambda: lines_model.browse())
        for line in lines:
            by_company[line.company_id] |= line
        made = self.env["prm.commission.settlement"]
        for company, company_lines in by_company.items():
            made |= self._prm_settle_lines(company_lines, company, date_from, date_to)
        settlements.append(made)
        return len(made)

    def action_create(self):
        settlements = self._prm_create_settlements()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_commission_settlement_action"
        )
        action["domain"] = [("id", "in", settlements.ids)]
        return action
