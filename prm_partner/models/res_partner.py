# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel partners on res.partner: the profile and the CRUD entry points.

res.partner is extended in one file per concern, each an ``_inherit`` class
holding the fields and methods of that concern:

- ``res_partner.py``: profile, program-field protection, create/write/unlink
  (which call into the concerns below) and the smart buttons;
- ``res_partner_lifecycle.py``: lifecycle stage and onboarding checklist;
- ``res_partner_metrics.py``: revenue, won deals, customers, scorecard and the
  metrics the tier rules read;
- ``res_partner_tier.py``: the tier of a partner, its locks, history and
  pricelists, and the one internal write of program fields;
- ``res_partner_tier_evaluation.py``: tier evaluation (cron, button, preview).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import access
from .prm_onboarding_task import PARTNER_TYPES
from .res_partner_lifecycle import STAGE_LOGGED
from .res_partner_tier import PROGRAM_WRITE


class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_is_partner = fields.Boolean(
        string="Is a Channel Partner", index=True, tracking=True
    )
    prm_partner_type = fields.Selection(
        PARTNER_TYPES, string="Partner Type", index=True, tracking=True
    )
    prm_manager_id = fields.Many2one(
        "res.users",
        string="Partner Manager",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    prm_territory_ids = fields.Many2many(
        "prm.territory",
        "prm_territory_res_partner_rel",
        "partner_id",
        "territory_id",
        string="Territories",
    )
    prm_certification_ids = fields.One2many(
        "prm.certification", "partner_id", string="Certifications"
    )
    prm_agreement_ids = fields.One2many(
        "prm.agreement", "partner_id", string="Agreements"
    )
    prm_target_ids = fields.One2many("prm.target", "partner_id", string="Targets")
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
    prm_review_checked_on = fields.Date(
        string="Review Schedule Checked",
        copy=False,
        readonly=True,
        groups="base.group_user",
        help="The day the review scheduler last looked at this partner.",
    )

    @api.constrains("prm_max_open_leads", "prm_routing_weight")
    def _check_prm_routing(self):
        for partner in self:
            if partner.prm_max_open_leads < 0 or partner.prm_routing_weight < 0:
                raise ValidationError(
                    self.env._("Lead capacity and routing weight cannot be negative.")
                )

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
                self._prm_check_create_stage(vals.get("prm_stage"))
        partners = super().create(vals_list)
        prm_partners = partners.filtered("prm_is_partner")
        if prm_partners:
            prm_partners._prm_start_lifecycle()
            prm_partners.filtered("prm_tier_id")._prm_log_initial_tier()
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
        # Only a superuser environment (the internal paths of this addon) may
        # say the stage is logged already: see access.is_internal.
        if "prm_stage" in vals and not access.is_internal(self.env, STAGE_LOGGED):
            vals = self._prm_write_stage(vals)
            if not vals:
                return True
        if access.is_internal(self.env, PROGRAM_WRITE):
            # the caller logs the history and chatter notes: no tracking
            return super(ResPartner, self.with_context(mail_notrack=True)).write(vals)
        self._prm_check_protected_fields(vals)
        tiers_before = self._prm_tier_state(vals)
        result = super().write(vals)
        self._prm_log_tier_writes(vals, tiers_before)
        if "prm_partner_type" in vals or vals.get("prm_is_partner"):
            self.filtered("prm_is_partner")._prm_sync_onboarding()
        return result

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
