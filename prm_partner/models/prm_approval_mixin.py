# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a partner asks and a PRM manager decides (fund requests, special
prices): one workflow guard for all of them.

A request goes draft -> submitted -> approved or rejected. The partner (or
the portal, as superuser after its own checks) fills and submits it; only a
manager sets the decision fields; a decided request keeps what was decided.
The model that inherits this declares its ``state`` selection (submitted,
approved and rejected at least, draft where the partner prepares it first)
and ``partner_id``/``company_id``.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..access import MANAGER, USER, require


class PrmApprovalMixin(models.AbstractModel):
    _name = "prm.approval.mixin"
    _description = "PRM Request Approval"

    #: fields only the approval workflow (managers, or the superuser) sets
    _prm_protected_fields = frozenset({"state", "approved_by_id", "decided_on"})
    #: the state a request is created in by its partner
    _prm_initial_state = "draft"
    #: states of a request not decided yet
    _prm_open_states = ("draft", "submitted")
    #: fields a decided request keeps as they were decided
    _prm_frozen_fields = frozenset()
    #: states in which a request may be deleted
    _prm_deletable_states = ("draft",)
    #: mail template posted to the partner on a decision
    _prm_decision_template = None

    reject_reason = fields.Text(tracking=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        protected = self._prm_protected_fields - {"state"}
        if not self.env.su and any(
            vals.get("state", self._prm_initial_state) != self._prm_initial_state
            or any(vals.get(name) for name in protected)
            for vals in vals_list
        ):
            require(self.env, MANAGER)
        return super().create(vals_list)

    def write(self, vals):
        if self._prm_protected_fields.intersection(vals) and not self.env.su:
            require(self.env, MANAGER)
        if self._prm_frozen_fields.intersection(vals) and self.filtered(
            lambda r: r.state not in self._prm_open_states
        ):
            raise UserError(self.env._("A decided request cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_undecided(self):
        if self.filtered(lambda r: r.state not in self._prm_deletable_states):
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Only requests in these states can be deleted: %(states)s.",
                    states=", ".join(labels[s] for s in self._prm_deletable_states),
                )
            )

    def _prm_require_state(self, states, message):
        if self.filtered(lambda r: r.state not in states):
            raise UserError(message)

    def _prm_decision_vals(self, state):
        return {
            "state": state,
            "approved_by_id": self.env.user.id,
            "decided_on": fields.Datetime.now(),
        }

    # ------------------------------------------------------------------
    # Submit
    # ------------------------------------------------------------------
    def action_submit(self):
        require(self.env, USER)
        self.check_access("write")
        return self._prm_submit()

    def _prm_submit(self):
        """Submit (also from the portal, as superuser after its checks) and
        ask the reviewer of each request for a decision."""
        self._prm_require_state(
            ("draft",), self.env._("Only draft requests can be submitted.")
        )
        self.sudo().write({"state": "submitted"})
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        summary = self._prm_review_summary()
        managers = self.env.ref("prm_partner.group_prm_manager").sudo().users
        for request in self.sudo():
            reviewer = request._prm_reviewer(managers)
            if reviewer:
                request.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    user_id=reviewer.id,
                )
        return True

    def _prm_review_summary(self):
        return self.env._("Review the request")

    def _prm_reviewer(self, managers):
        """The partner's manager, else a PRM manager of the request's
        company; never the portal user who asked."""
        self.ensure_one()
        return (
            self.partner_id.prm_manager_id
            or managers.filtered(lambda u: self.company_id in u.company_ids)[:1]
        )

    # ------------------------------------------------------------------
    # Decide
    # ------------------------------------------------------------------
    def action_reject(self):
        require(self.env, MANAGER)
        self._prm_require_state(
            ("submitted",), self.env._("Only submitted requests can be rejected.")
        )
        if self.filtered(lambda r: not (r.reject_reason or "").strip()):
            raise UserError(self.env._("Give the partner a reason for the rejection."))
        self.write(self._prm_reject_vals())
        self._prm_decision_done()
        return True

    def _prm_reject_vals(self):
        return self._prm_decision_vals("rejected")

    def _prm_decision_done(self):
        """Close the review activities and tell the partner."""
        records = self.sudo()
        records.activity_feedback(["mail.mail_activity_data_todo"])
        template = self._prm_decision_template and self.env.ref(
            self._prm_decision_template, raise_if_not_found=False
        )
        if template:
            for record in records:
                record.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment"
                )
