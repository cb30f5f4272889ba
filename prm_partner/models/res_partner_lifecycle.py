# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lifecycle of a channel partner: stage, its history, onboarding checklist.

The rules of the moves live in ``logic/onboarding.py``; every path that
changes a stage (wizard, kanban, form, application approval) goes through
:meth:`ResPartner._prm_set_stage`.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import access
from ..logic import onboarding as onboarding_rules
from .prm_stage_history import STAGES

#: Internal marker (superuser only, see access.is_internal): the stage write
#: is the one of _prm_set_stage, which logs it itself.
STAGE_LOGGED = "prm_stage_logged"


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    _inherit = "res.partner"

    # a duplicate starts as a prospect: the stage is not copied
    prm_stage = fields.Selection(
        STAGES,
        string="Lifecycle Stage",
        default="prospect",
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    prm_partner_since = fields.Date(string="Partner Since", tracking=True, copy=False)
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

    @api.depends("prm_onboarding_line_ids.done")
    def _compute_prm_onboarding_progress(self):
        for partner in self:
            lines = partner.prm_onboarding_line_ids
            partner.prm_onboarding_progress = onboarding_rules.progress(
                len(lines.filtered("done")), len(lines)
            )

    # Called by create() and write()

    @api.model
    def _prm_check_create_stage(self, stage):
        """Who may create a partner directly in ``stage``."""
        if stage and stage != "prospect":
            access.require(self.env, access.USER)
        if stage and onboarding_rules.needs_manager(None, stage):
            access.require(
                self.env,
                access.MANAGER,
                self.env._(
                    "Only PRM managers can create a partner in the stage %(stage)s.",
                    stage=dict(STAGES)[stage],
                ),
            )

    def _prm_start_lifecycle(self):
        """First history line and onboarding checklist of new channel partners."""
        history = [
            {
                "partner_id": p.id,
                "new_stage": p.prm_stage,
                "reason": self.env._("Created"),
            }
            for p in self
            if p.prm_stage
        ]
        self.env["prm.stage.history"].sudo().create(history)
        self._prm_sync_onboarding()

    def _prm_write_stage(self, vals):
        """A stage in ``vals`` moves through :meth:`_prm_set_stage`; returns
        the other values, left for the caller to write."""
        reason = self.env.context.get("prm_stage_reason") or self.env._("Changed")
        self.filtered(lambda p: p.prm_stage != vals["prm_stage"])._prm_set_stage(
            vals["prm_stage"], reason
        )
        return {k: v for k, v in vals.items() if k != "prm_stage"}

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
        logged = changed.with_context(**{STAGE_LOGGED: True})
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
