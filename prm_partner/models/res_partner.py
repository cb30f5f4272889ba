# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import json
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .. import access
from ..logic import certifications as cert_rules
from ..logic import dates as date_rules
from ..logic import onboarding as onboarding_rules
from ..logic import tier_rules
from .prm_onboarding_task import PARTNER_TYPES
from .prm_stage_history import STAGES

PROGRAM_FIELDS = {
    "prm_tier_id",
    "prm_tier_demotion_date",
    "prm_tier_demotion_target_id",
    "prm_tier_locked",
    "prm_tier_lock_until",
    "prm_tier_evaluated_on",
    "specific_property_product_pricelist",
}
# Plain columns among them, written with one UPDATE.
SQL_PROGRAM_FIELDS = PROGRAM_FIELDS - {"specific_property_product_pricelist"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_is_partner = fields.Boolean(
        string="Is a Channel Partner", index=True, tracking=True
    )
    prm_partner_type = fields.Selection(
        PARTNER_TYPES, string="Partner Type", index=True, tracking=True
    )
    # a duplicate starts as a prospect without tier: neither is copied
    prm_stage = fields.Selection(
        STAGES,
        string="Lifecycle Stage",
        default="prospect",
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    prm_manager_id = fields.Many2one(
        "res.users",
        string="Partner Manager",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    prm_partner_since = fields.Date(string="Partner Since", tracking=True, copy=False)
    prm_territory_ids = fields.Many2many(
        "prm.territory",
        "prm_territory_res_partner_rel",
        "partner_id",
        "territory_id",
        string="Territories",
    )
    prm_tier_id = fields.Many2one(
        "prm.tier",
        string="Tier",
        index=True,
        tracking=True,
        ondelete="restrict",
        copy=False,
    )
    prm_tier_color = fields.Integer(related="prm_tier_id.color", string="Tier Color")
    prm_tier_rank = fields.Integer(related="prm_tier_id.rank", string="Tier Rank")
    prm_tier_history_ids = fields.One2many(
        "prm.tier.history",
        "partner_id",
        string="Tier History",
        groups="base.group_user",
    )
    prm_tier_demotion_date = fields.Date(
        string="Demotion Due",
        copy=False,
        help="Set when the partner no longer meets its tier: the tier drops on this "
        "date unless the criteria are met again.",
    )
    prm_tier_demotion_target_id = fields.Many2one(
        "prm.tier", string="Demotion To", copy=False
    )
    # Locks and routing are the vendor's business: internal users only.
    prm_tier_locked = fields.Boolean(
        string="Tier Locked", copy=False, tracking=True, groups="base.group_user"
    )
    prm_tier_lock_until = fields.Date(
        string="Locked Until", copy=False, groups="base.group_user"
    )
    prm_tier_lock_reason = fields.Text(
        string="Lock Reason", copy=False, groups="base.group_user"
    )
    prm_tier_evaluated_on = fields.Date(string="Last Evaluation", copy=False)
    prm_certification_ids = fields.One2many(
        "prm.certification", "partner_id", string="Certifications"
    )
    prm_agreement_ids = fields.One2many(
        "prm.agreement", "partner_id", string="Agreements"
    )
    prm_certified_contact_count = fields.Integer(
        string="Certified Contacts", compute="_compute_prm_certified_contact_count"
    )
    prm_certification_count = fields.Integer(
        string="Certification Count", compute="_compute_prm_counts"
    )
    prm_agreement_count = fields.Integer(
        string="Agreement Count", compute="_compute_prm_counts"
    )
    prm_lead_count = fields.Integer(
        string="Channel Lead Count", compute="_compute_prm_counts"
    )
    prm_order_count = fields.Integer(
        string="Channel Order Count", compute="_compute_prm_counts"
    )
    prm_target_count = fields.Integer(
        string="Target Count", compute="_compute_prm_counts"
    )
    prm_max_open_leads = fields.Integer(
        string="Lead Capacity",
        help="Maximum open leads routed to this partner at once; 0 means no limit.",
        groups="base.group_user",
    )
    prm_routing_weight = fields.Integer(
        string="Routing Weight",
        default=1,
        help="Among equally ranked partners, leads are shared in proportion to "
        "this weight.",
        groups="base.group_user",
    )
    prm_last_routed = fields.Datetime(
        string="Last Lead Routed", copy=False, groups="base.group_user"
    )
    prm_onboarding_line_ids = fields.One2many(
        "prm.onboarding.line",
        "partner_id",
        string="Onboarding Checklist",
        groups="base.group_user",
    )
    prm_onboarding_progress = fields.Integer(
        string="Onboarding (%)", compute="_compute_prm_onboarding_progress"
    )
    prm_stage_history_ids = fields.One2many(
        "prm.stage.history",
        "partner_id",
        string="Lifecycle History",
        groups="base.group_user",
    )
    prm_target_ids = fields.One2many("prm.target", "partner_id", string="Targets")
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
    prm_currency_id = fields.Many2one(
        "res.currency", string="Program Currency", compute="_compute_prm_currency_id"
    )

    @api.constrains("prm_max_open_leads", "prm_routing_weight")
    def _check_prm_routing(self):
        for partner in self:
            if partner.prm_max_open_leads < 0 or partner.prm_routing_weight < 0:
                raise ValidationError(
                    self.env._("Lead capacity and routing weight cannot be negative.")
                )

    @api.constrains("prm_tier_locked", "prm_tier_lock_reason")
    def _check_prm_tier_lock(self):
        for partner in self:
            if partner.prm_tier_locked and not partner.prm_tier_lock_reason:
                raise ValidationError(
                    self.env._(
                        "Give a reason to lock the tier of %(partner)s.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("prm_tier_id", "company_id")
    def _check_prm_tier_company(self):
        for partner in self:
            tier_company = partner.prm_tier_id.company_id
            if (
                tier_company
                and partner.company_id
                and tier_company != partner.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The tier of %(partner)s belongs to another company.",
                        partner=partner.display_name,
                    )
                )

    # Computes

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

    def _count_by(self, model, field, domain=()):
        # Counts only: PRM users see how many records there are, opening them
        # stays subject to their own access rights.
        groups = (
            self.env[model]
            .sudo()
            ._read_group([(field, "in", self.ids), *domain], [field], ["__count"])
        )
        return {record.id: count for record, count in groups}

    def _compute_prm_counts(self):
        certs = self._count_by("prm.certification", "partner_id")
        agreements = self._count_by("prm.agreement", "partner_id")
        leads = self._count_by("crm.lead", "prm_partner_id")
        orders = self._count_by("sale.order", "prm_partner_id")
        targets = self._count_by("prm.target", "partner_id")
        for partner in self:
            partner.prm_certification_count = certs.get(partner.id, 0)
            partner.prm_agreement_count = agreements.get(partner.id, 0)
            partner.prm_lead_count = leads.get(partner.id, 0)
            partner.prm_order_count = orders.get(partner.id, 0)
            partner.prm_target_count = targets.get(partner.id, 0)

    @api.depends("prm_onboarding_line_ids.done")
    def _compute_prm_onboarding_progress(self):
        for partner in self:
            lines = partner.prm_onboarding_line_ids
            partner.prm_onboarding_progress = onboarding_rules.progress(
                len(lines.filtered("done")), len(lines)
            )

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

    # CRUD

    @api.model
    def _prm_protected_fields(self):
        """Program fields and the group that may change them by hand.

        Everything else of the program (tier evaluation, locks expiring,
        pricelists) is written by internal paths as superuser. The lifecycle
        stage has rules of its own (:meth:`_prm_set_stage`).
        """
        return dict(access.PARTNER_FIELD_GROUPS)

    def _prm_check_protected_fields(self, vals):
        """Refuse hand changes of program fields the user's role may not make.

        On an empty recordset (create), only the values set count, and only
        the manager's fields: a new partner, even a duplicate made by Odoo's
        own users, starts as a prospect without tier (its stage has rules of
        its own).
        """
        if self.env.su:
            return
        protected = self._prm_protected_fields()
        for name, value in vals.items():
            group = protected.get(name)
            if not group or access.is_allowed(self.env, group):
                continue
            if not self and (not value or group != access.MANAGER):
                continue
            if (
                name == "prm_tier_id"
                and self
                and all(p.prm_tier_id.id == (value or False) for p in self)
            ):
                continue
            label = self._fields[name]._description_string(self.env)
            raise AccessError(
                self.env._(
                    "Only PRM managers can change a tier by hand; otherwise the "
                    "tier evaluation sets it."
                )
                if name == "prm_tier_id"
                else self.env._(
                    "You are not allowed to change %(field)s of a channel partner.",
                    field=label,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self.browse()._prm_check_protected_fields(vals)
                stage = vals.get("prm_stage")
                if stage and stage != "prospect":
                    access.require(self.env, access.USER)
                if stage and onboarding_rules.needs_manager(None, stage):
                    access.require(
                        self.env,
                        access.MANAGER,
                        self.env._(
                            "Only PRM managers can create a partner in the stage "
                            "%(stage)s.",
                            stage=dict(STAGES)[stage],
                        ),
                    )
        partners = super().create(vals_list)
        prm_partners = partners.filtered("prm_is_partner")
        if prm_partners:
            history = [
                {
                    "partner_id": p.id,
                    "new_stage": p.prm_stage,
                    "reason": self.env._("Created"),
                }
                for p in prm_partners
                if p.prm_stage
            ]
            self.env["prm.stage.history"].sudo().create(history)
            prm_partners._prm_sync_onboarding()
            tiered = prm_partners.filtered("prm_tier_id")
            if tiered:
                tiered._prm_log_tier_changes(
                    [
                        (
                            p,
                            None,
                            p.prm_tier_id,
                            "manual",
                            self.env._("Set at creation"),
                            {},
                        )
                        for p in tiered
                    ]
                )
                tiered._prm_apply_tier_pricelists()
        return partners

    @api.ondelete(at_uninstall=False)
    def _unlink_except_prm_history(self):
        """The program's history outlives the partner: archive instead."""
        for model, field in (
            ("prm.stage.history", "partner_id"),
            ("prm.tier.history", "partner_id"),
            ("prm.certification", "contact_id"),
            ("prm.certification", "partner_id"),
        ):
            if (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_count([(field, "in", self.ids)], limit=1)
            ):
                raise UserError(
                    self.env._(
                        "These contacts have a partner program history (lifecycle, "
                        "tiers or certifications) that must be kept: archive them "
                        "instead of deleting them."
                    )
                )

    def write(self, vals):
        # Context keys never authorise: only a superuser environment (the
        # internal paths of this addon) may say the stage is logged already.
        if "prm_stage" in vals and not (
            self.env.su and self.env.context.get("prm_stage_logged")
        ):
            reason = self.env.context.get("prm_stage_reason") or self.env._("Changed")
            self.filtered(lambda p: p.prm_stage != vals["prm_stage"])._prm_set_stage(
                vals["prm_stage"], reason
            )
            vals = {k: v for k, v in vals.items() if k != "prm_stage"}
            if not vals:
                return True
        self._prm_check_protected_fields(vals)
        manual_tier = "prm_tier_id" in vals
        old_tiers = {p.id: p.prm_tier_id for p in self} if manual_tier else {}
        newly_locked = (
            self.filtered(lambda p: not p.prm_tier_locked)
            if vals.get("prm_tier_locked")
            else None
        )
        result = super().write(vals)
        if newly_locked:
            newly_locked._prm_log_tier_changes(
                [
                    (
                        p,
                        p.prm_tier_id,
                        p.prm_tier_id,
                        "lock",
                        p.prm_tier_lock_reason
                        or self.env._(
                            "Locked until %(date)s", date=p.prm_tier_lock_until
                        ),
                        {"lock_until": p.prm_tier_lock_until},
                    )
                    for p in newly_locked
                ]
            )
        if "prm_partner_type" in vals or vals.get("prm_is_partner"):
            self.filtered("prm_is_partner")._prm_sync_onboarding()
        if manual_tier:
            changed = self.filtered(lambda p: p.prm_tier_id != old_tiers[p.id])
            if changed:
                reason = self.env.context.get("prm_tier_reason") or self.env._(
                    "Manual change"
                )
                changed._prm_log_tier_changes(
                    [
                        (p, old_tiers[p.id], p.prm_tier_id, "manual", reason, {})
                        for p in changed
                    ]
                )
                changed._prm_apply_tier_pricelists()
        return result

    # Lifecycle

    def _prm_sync_onboarding(self):
        """Add the onboarding tasks of each partner's type that are missing.

        Runs for whoever creates or duplicates a channel partner, salespeople
        without PRM rights included: the checklist is read as superuser,
        within the companies of the current user.
        """
        tasks = (
            self.env["prm.onboarding.task"]
            .sudo()
            .search(
                [
                    ("active", "=", True),
                    ("company_id", "in", [False, *self.env.companies.ids]),
                ]
            )
        )
        existing = {
            (line.partner_id.id, line.task_id.id)
            for line in self.env["prm.onboarding.line"]
            .sudo()
            .search([("partner_id", "in", self.ids)])
        }
        vals_list = []
        for partner in self:
            company = partner.company_id
            for task in tasks:
                if task.partner_type and task.partner_type != partner.prm_partner_type:
                    continue
                if task.company_id and company and task.company_id != company:
                    continue
                if (partner.id, task.id) not in existing:
                    vals_list.append({"partner_id": partner.id, "task_id": task.id})
        if vals_list:
            self.env["prm.onboarding.line"].sudo().create(vals_list)

    def _prm_set_stage(self, new_stage, reason, force=False):
        """Move partners to ``new_stage`` and write a history line each.

        The one rule of every path that changes a stage (wizard, kanban,
        form, application approval): the lifecycle's allowed transitions,
        PRM users for the routine moves of onboarding, PRM managers for the
        decisions (``logic/onboarding.py``). Activating a partner whose
        onboarding checklist is not done needs ``force`` (managers only) and
        a reason.
        """
        if new_stage not in dict(STAGES):
            raise UserError(
                self.env._("Unknown lifecycle stage %(stage)s.", stage=new_stage)
            )
        if not self.env.su:
            access.require(
                self.env,
                access.USER,
                self.env._("Only PRM users can change the lifecycle stage."),
            )
            self.check_access("write")
        labels = dict(STAGES)
        history = []
        for partner in self:
            old = partner.prm_stage
            if old == new_stage:
                continue
            allowed = onboarding_rules.is_allowed(old, new_stage)
            if not self.env.su:
                # a manager may force a move the lifecycle does not foresee,
                # with a reason, recorded as forced
                if not allowed and not (
                    force and access.is_allowed(self.env, access.MANAGER)
                ):
                    raise UserError(
                        self.env._(
                            "%(partner)s cannot go from %(old)s to %(new)s.",
                            partner=partner.display_name,
                            old=labels.get(old, old),
                            new=labels[new_stage],
                        )
                    )
                if onboarding_rules.needs_manager(old, new_stage):
                    access.require(
                        self.env,
                        access.MANAGER,
                        self.env._(
                            "Only PRM managers can move %(partner)s from %(old)s "
                            "to %(new)s.",
                            partner=partner.display_name,
                            old=labels.get(old, old),
                            new=labels[new_stage],
                        ),
                    )
            lines = partner.prm_onboarding_line_ids
            done = len(lines.filtered("done"))
            if onboarding_rules.activation_blocked(new_stage, done, len(lines), force):
                raise UserError(
                    self.env._(
                        "%(partner)s cannot become active: the onboarding checklist is "
                        "%(progress)s%% done. A PRM manager may force the activation "
                        "with a reason.",
                        partner=partner.display_name,
                        progress=partner.prm_onboarding_progress,
                    )
                )
            if force and not allowed and not reason:
                raise UserError(self.env._("Give a reason to force the move."))
            if force and new_stage == "active" and done < len(lines):
                access.require(
                    self.env,
                    access.MANAGER,
                    self.env._("Only PRM managers can force an activation."),
                )
                if not reason:
                    raise UserError(
                        self.env._("Give a reason to force the activation.")
                    )
            history.append(
                {
                    "partner_id": partner.id,
                    "old_stage": old,
                    "new_stage": new_stage,
                    "reason": reason,
                    "forced": bool(force and (done < len(lines) or not allowed)),
                }
            )
        if not history:
            return True
        # Checked above: the write itself is the system's, with its history.
        changed = self.browse([vals["partner_id"] for vals in history]).sudo()
        logged = changed.with_context(prm_stage_logged=True)
        if new_stage == "active":
            logged.filtered(lambda p: not p.prm_partner_since).write(
                {"prm_partner_since": fields.Date.context_today(self)}
            )
        logged.write({"prm_stage": new_stage})
        self.env["prm.stage.history"].sudo().create(history)
        return True

    def action_prm_open_stage_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Lifecycle Stage"),
            "res_model": "prm.stage.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    # Metrics

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
        if date_from:
            domain.append(("date_order", ">=", fields.Datetime.to_datetime(date_from)))
        if date_to:
            domain.append(
                (
                    "date_order",
                    "<",
                    fields.Datetime.to_datetime(date_to) + datetime.timedelta(days=1),
                )
            )
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
        if date_from:
            domain.append(("date_closed", ">=", fields.Datetime.to_datetime(date_from)))
        if date_to:
            domain.append(
                (
                    "date_closed",
                    "<",
                    fields.Datetime.to_datetime(date_to) + datetime.timedelta(days=1),
                )
            )
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
                ["date_order:min"],
            )
        )
        counts = defaultdict(int)
        for partner, _customer, first in groups:
            if first and date_from <= first.date() <= date_to:
                counts[partner.id] += 1
        return counts

    @api.model
    def _prm_period_actuals(self, partners, kind, date_from, date_to, company=None):
        if kind == "revenue":
            return partners._prm_revenue_since(date_from, date_to, company=company)
        if kind == "won_deals":
            return partners._prm_won_deals_since(date_from, date_to, company=company)
        return partners._prm_new_customers(date_from, date_to, company=company)

    def _prm_tier_metrics(self, tiers, today, company=None):
        """Metrics of every partner in ``self`` for the tier rules, batched.

        Only the sales, opportunities, certifications and agreements of
        ``company`` (default: the tiers' company) count. The number of queries
        depends on the number of distinct revenue windows of ``tiers`` and of
        order currencies, never on the number of partners.
        """
        company = company or tiers[:1].company_id or self.env.company
        metrics = {
            partner.id: {
                "revenue_by_window": {},
                "won_deals_by_window": {},
                "certified_contacts": 0,
                "certification_type_ids": set(),
                "agreement_type_ids": set(),
            }
            for partner in self
        }
        for months in set(tiers.mapped("revenue_window_months")):
            start = date_rules.window_start(today, months)
            revenue = self._prm_revenue_since(start, company=company)
            won = self._prm_won_deals_since(start, company=company)
            for partner_id, values in metrics.items():
                values["revenue_by_window"][months] = revenue.get(partner_id, 0.0)
                values["won_deals_by_window"][months] = won.get(partner_id, 0)
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

    def _prm_tier_progress(self):
        """Criteria of the next tier with required/actual/met/missing amounts."""
        self.ensure_one()
        partner = self.commercial_partner_id
        company = partner._prm_company()
        tiers = self.env["prm.tier"].sudo().search([("company_id", "=", company.id)])
        if not tiers:
            return []
        today = fields.Date.context_today(self)
        metrics = partner.sudo()._prm_tier_metrics(tiers, today, company=company)[
            partner.id
        ]
        current = partner.prm_tier_id
        progress = tier_rules.progress(
            metrics, tiers._prm_rule_values(), current.rank if current else None
        )
        if not progress["tier"]:
            return []
        labels = self._prm_criterion_labels()
        next_tier = tiers.browse(progress["tier"]["id"])
        result = []
        for criterion in progress["criteria"]:
            values = dict(
                criterion, label=labels[criterion["criterion"]], tier=next_tier.name
            )
            model = {
                tier_rules.CERTIFICATION_TYPES: "prm.certification.type",
                tier_rules.AGREEMENT: "prm.agreement.type",
            }.get(criterion["criterion"])
            if model:
                records = self.env[model].sudo()
                for key in ("required", "actual", "missing"):
                    values[key] = ", ".join(
                        records.browse(criterion[key]).mapped("name")
                    )
            result.append(values)
        return result

    def _prm_criterion_labels(self):
        return {
            tier_rules.REVENUE: self.env._("Attributed revenue"),
            tier_rules.WON_DEALS: self.env._("Won deals"),
            tier_rules.CERTIFIED_CONTACTS: self.env._("Certified contacts"),
            tier_rules.CERTIFICATION_TYPES: self.env._("Required certifications"),
            tier_rules.AGREEMENT: self.env._("Active agreement"),
        }

    # Tier evaluation

    def _prm_evaluate_tiers(self, apply=True, today=None):
        """Evaluate the tier of every channel partner in ``self``.

        Returns a list of ``(partner, decision, metrics)``. With ``apply``,
        promotions and due demotions are written, demotion warnings are
        announced and history rows created, all in batches.
        """
        today = today or fields.Date.context_today(self)
        # One query for the fields evaluation reads, whatever the number of
        # partners (reading them through the records would fetch them in
        # chunks of a thousand).
        partners = self.search_fetch(
            [
                ("id", "in", self.ids),
                ("prm_is_partner", "=", True),
                ("is_company", "=", True),
            ],
            [
                "company_id",
                "prm_tier_id",
                "prm_tier_demotion_date",
                "prm_tier_locked",
                "prm_tier_lock_until",
            ],
            order="id",
        )
        results = []
        Tier = self.env["prm.tier"].sudo()
        for company, company_partners in partners.grouped(
            lambda p: p.company_id or self.env.company
        ).items():
            tiers = Tier.search([("company_id", "=", company.id)])
            tier_values = tiers._prm_rule_values()
            by_id = {tier["id"]: tier for tier in tier_values}
            metrics = company_partners._prm_tier_metrics(tiers, today, company=company)
            grace = company.prm_tier_grace_days
            for partner in company_partners:
                current = by_id.get(partner.prm_tier_id.id)
                if partner.prm_tier_id and current is None:
                    current = partner.prm_tier_id.sudo()._prm_rule_values()[0]
                decision = tier_rules.decide(
                    metrics[partner.id],
                    tier_values,
                    current,
                    today,
                    grace_days=grace,
                    demotion_date=partner.prm_tier_demotion_date or None,
                    lock_tier=current if partner.prm_tier_locked and current else None,
                    lock_until=partner.prm_tier_lock_until or None,
                )
                results.append((partner, decision, metrics[partner.id]))
        if apply:
            partners._prm_apply_tier_decisions(results, today)
        return results

    @staticmethod
    def _prm_metrics_snapshot(metrics, decision):
        tier = decision.target or decision.current or {}
        window = tier.get("revenue_window_months") or 0
        snapshot = {
            "revenue": metrics.get("revenue_by_window", {}).get(window, 0.0),
            "won_deals": metrics.get("won_deals_by_window", {}).get(window, 0),
            "window_months": window,
            "certified_contacts": metrics.get("certified_contacts", 0),
            "certification_type_ids": sorted(metrics.get("certification_type_ids", ())),
            "agreement_type_ids": sorted(metrics.get("agreement_type_ids", ())),
        }
        return snapshot

    def _prm_apply_tier_decisions(self, results, today):
        Tier = self.env["prm.tier"]
        moves = defaultdict(lambda: self.browse())
        changes = []
        warnings = []
        cancels = self.browse()
        lock_expired = self.browse()
        for partner, decision, metrics in results:
            if (
                partner.prm_tier_locked
                and partner.prm_tier_lock_until
                and partner.prm_tier_lock_until < today
            ):
                lock_expired |= partner
            if decision.changes_tier:
                target = Tier.browse(decision.target["id"]) if decision.target else Tier
                moves[target] |= partner
                kind = (
                    "promotion" if decision.action == tier_rules.PROMOTE else "demotion"
                )
                if decision.reason == "Tier locked by a manager":
                    kind = "lock"
                changes.append(
                    (
                        partner,
                        Tier.browse(decision.current["id"])
                        if decision.current
                        else Tier,
                        target,
                        kind,
                        self._prm_decision_reason(decision),
                        self._prm_metrics_snapshot(metrics, decision),
                    )
                )
            elif decision.action == tier_rules.WARN:
                warnings.append((partner, decision, metrics))
            elif decision.action == tier_rules.CANCEL:
                cancels |= partner
        if lock_expired:
            self.browse(lock_expired.ids)._prm_write_program_fields(
                {"prm_tier_locked": False, "prm_tier_lock_until": False}
            )
        for target, partners in moves.items():
            self.browse(partners.ids)._prm_write_program_fields(
                {
                    "prm_tier_id": target.id,
                    "prm_tier_demotion_date": False,
                    "prm_tier_demotion_target_id": False,
                }
            )
        if cancels:
            self.browse(cancels.ids)._prm_write_program_fields(
                {"prm_tier_demotion_date": False, "prm_tier_demotion_target_id": False}
            )
            self.env["mail.activity"].sudo().search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", cancels.ids),
                    (
                        "activity_type_id",
                        "=",
                        self.env.ref("prm_partner.mail_activity_type_tier_demotion").id,
                    ),
                ]
            ).unlink()
        if warnings:
            self._prm_warn_demotions(warnings)
        if changes:
            self._prm_log_tier_changes(changes)
            self.browse(
                [change[0].id for change in changes]
            )._prm_apply_tier_pricelists()
        # A plain date stamp on every evaluated partner: one UPDATE for all of
        # them instead of the ORM's chunked writes.
        evaluated_ids = [result[0].id for result in results]
        if evaluated_ids:
            self.flush_model(["prm_tier_evaluated_on"])
            self.env.cr.execute(
                "UPDATE res_partner SET prm_tier_evaluated_on = %s WHERE id = ANY(%s)",
                [today, evaluated_ids],
            )
            self.browse(evaluated_ids).invalidate_recordset(["prm_tier_evaluated_on"])

    def _prm_write_program_fields(self, vals):
        """Batch write of partner-program fields for tier evaluation.

        ``res.partner.write()`` synchronises commercial and address fields to
        the contacts of each partner, one partner at a time. The fields written
        here are neither, and tracking is replaced by the tier history and
        chatter notes, so they are written in bulk: evaluation keeps a number
        of queries that does not depend on the number of partners.
        """
        unexpected = set(vals) - PROGRAM_FIELDS
        if unexpected:
            raise ValueError(f"not a partner-program field: {sorted(unexpected)}")
        if not self:
            return True
        plain = {k: v for k, v in vals.items() if k in SQL_PROGRAM_FIELDS}
        if plain:
            # One UPDATE for any number of partners (the ORM flushes by
            # chunks); then the cache and the dependent fields are told.
            self.flush_recordset(list(plain))
            assignments = SQL(", ").join(
                SQL(
                    "%s = %s",
                    SQL.identifier(name),
                    None if value is False and name != "prm_tier_locked" else value,
                )
                for name, value in plain.items()
            )
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET %s, write_uid = %s, "
                    "write_date = (now() at time zone 'UTC') WHERE id = ANY(%s)",
                    assignments,
                    self.env.uid,
                    self.ids,
                )
            )
            self.invalidate_recordset([*plain, "write_uid", "write_date"])
            self.modified(list(plain))
        rest = {k: v for k, v in vals.items() if k not in plain}
        if rest:
            models.Model.write(self, rest)
        return True

    def _prm_decision_reason(self, decision):
        labels = self._prm_criterion_labels()
        if decision.reason == "Tier locked by a manager":
            return self.env._("Tier locked by a manager")
        unmet = [labels[c["criterion"]] for c in decision.criteria if not c["met"]]
        if decision.action == tier_rules.PROMOTE:
            return self.env._("Meets all criteria of the tier")
        if unmet:
            return self.env._(
                "Criteria no longer met: %(criteria)s", criteria=", ".join(unmet)
            )
        return self.env._("No tier criteria met")

    def _prm_warn_demotions(self, warnings):
        """Announce demotions: due date, history row, activity for the manager, mail."""
        Tier = self.env["prm.tier"]
        activity_type = self.env.ref("prm_partner.mail_activity_type_tier_demotion")
        by_date = defaultdict(list)
        for partner, decision, _metrics in warnings:
            by_date[
                (
                    decision.demotion_date,
                    decision.target["id"] if decision.target else False,
                )
            ].append(partner.id)
        for (due, target_id), partner_ids in by_date.items():
            self.browse(partner_ids)._prm_write_program_fields(
                {
                    "prm_tier_demotion_date": due,
                    "prm_tier_demotion_target_id": target_id,
                }
            )
        self._prm_log_tier_changes(
            [
                (
                    partner,
                    partner.prm_tier_id,
                    Tier.browse(decision.target["id"]) if decision.target else Tier,
                    "warning",
                    self._prm_decision_reason(decision),
                    self._prm_metrics_snapshot(metrics, decision),
                )
                for partner, decision, metrics in warnings
            ]
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (partner.prm_manager_id or self.env.user).id,
                    "date_deadline": decision.demotion_date,
                    "summary": self.env._(
                        "Tier %(tier)s at risk: demotion on %(date)s",
                        tier=partner.prm_tier_id.name,
                        date=decision.demotion_date,
                    ),
                    "note": self._prm_decision_reason(decision),
                }
                for partner, decision, _metrics in warnings
            ]
        )
        template = self.env.ref(
            "prm_partner.mail_template_tier_demotion_warning", raise_if_not_found=False
        )
        self.browse(
            [partner.id for partner, _decision, _metrics in warnings]
        )._prm_send_template_batch(template)

    def _prm_log_tier_changes(self, changes):
        """History rows and chatter notes.

        ``changes``: (partner, old, new, kind, reason, metrics) tuples.
        """
        kinds = dict(
            self.env["prm.tier.history"]
            ._fields["change"]
            ._description_selection(self.env)
        )
        self.env["prm.tier.history"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": (partner.company_id or self.env.company).id,
                    "old_tier_id": old.id if old else False,
                    "new_tier_id": new.id if new else False,
                    "old_rank": old.rank if old else 0,
                    "new_rank": new.rank if new else 0,
                    "change": kind,
                    "reason": reason,
                    "metrics": json.dumps(metrics, default=str, sort_keys=True),
                }
                for partner, old, new, kind, reason, metrics in changes
            ]
        )
        bodies = {}
        for partner, old, new, kind, reason, _metrics in changes:
            bodies[partner.id] = self.env._(
                "%(kind)s: from %(old)s to %(new)s. %(reason)s",
                kind=kinds.get(kind, kind),
                old=old.name if old else self.env._("no tier"),
                new=new.name if new else self.env._("no tier"),
                reason=reason or "",
            )
        self.browse(list(bodies))._message_log_batch(bodies)

    def _prm_apply_tier_pricelists(self):
        """Give each partner (and its contacts) the pricelist of its tier, or
        the company default (no pricelist of its own) when the tier has none."""
        for (tier, company), partners in self.grouped(
            lambda p: (p.prm_tier_id, p.prm_tier_id.company_id or p._prm_company())
        ).items():
            contacts = (
                self.sudo()
                .with_context(active_test=False)
                .search([("commercial_partner_id", "in", partners.ids)])
            )
            (contacts | partners.sudo()).with_company(
                company
            )._prm_write_program_fields(
                {"specific_property_product_pricelist": tier.pricelist_id.id or False}
            )

    def action_prm_evaluate_tier(self):
        """Evaluate now: PRM users too, since evaluation only applies the
        program's rules to the partners they may read (a partner's own
        users never may)."""
        access.require(
            self.env,
            access.USER,
            self.env._("Only PRM users can evaluate the tier of a partner."),
        )
        self.check_access("read")
        results = self._prm_evaluate_tiers(apply=True)
        messages = [
            f"{partner.display_name}: {self._prm_decision_reason(decision)}"
            for partner, decision, _metrics in results
        ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Tier evaluation"),
                "message": "\n".join(messages) or self.env._("Nothing to evaluate."),
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_evaluate_tiers(self):
        partners = self.search(
            [("prm_is_partner", "=", True), ("is_company", "=", True)]
        )
        return partners._prm_evaluate_tiers(apply=True)

    # Smart buttons

    def _prm_action(self, xmlid, domain, context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context or {}
        return action

    def action_prm_view_certifications(self):
        return self._prm_action(
            "prm_partner.prm_certification_action",
            [("partner_id", "=", self.id)],
            {"default_partner_id": self.id},
        )

    def action_prm_view_agreements(self):
        return self._prm_action(
            "prm_partner.prm_agreement_action",
            [("partner_id", "=", self.id)],
            {"default_partner_id": self.id},
        )

    def action_prm_view_leads(self):
        return self._prm_action(
            "crm.crm_lead_all_leads",
            [("prm_partner_id", "=", self.id)],
            {"default_prm_partner_id": self.id},
        )

    def action_prm_view_orders(self):
        return self._prm_action(
            "sale.action_orders",
            [("prm_partner_id", "=", self.id)],
            {"default_prm_partner_id": self.id},
        )

    def action_prm_view_targets(self):
        return self._prm_action(
            "prm_partner.prm_target_action",
            [("partner_id", "=", self.id)],
            {"default_partner_id": self.id},
        )

    def action_prm_view_tier_history(self):
        return self._prm_action(
            "prm_partner.prm_tier_history_action", [("partner_id", "=", self.id)]
        )
