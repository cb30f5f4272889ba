# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The tier of a channel partner: locks, history, pricelists, progress.

Hand changes (PRM managers) and evaluation (``res_partner_tier_evaluation.py``)
both end here: every change leaves a history row and a chatter note, and the
partner and its contacts get the pricelist of the tier. Internal paths write
the program fields with :meth:`ResPartner._prm_write_program_fields`.
"""

import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import access
from ..logic import tier_rules

#: Fields the internal paths of the program write (evaluation, locks expiring,
#: tier pricelists).
PROGRAM_FIELDS = {
    "prm_tier_id",
    "prm_tier_demotion_date",
    "prm_tier_demotion_target_id",
    "prm_tier_locked",
    "prm_tier_lock_until",
    "specific_property_product_pricelist",
}
#: Internal marker (superuser only, see access.is_internal): the write is one
#: of _prm_write_program_fields, whose caller logs the history itself.
PROGRAM_WRITE = "prm_program_write"


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    _inherit = "res.partner"

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

    # Called by create() and write()

    def _prm_log_initial_tier(self):
        """History of the partners created with a tier, and their pricelist."""
        if not self:
            return
        self._prm_log_tier_changes(
            [
                (p, None, p.prm_tier_id, "manual", self.env._("Set at creation"), {})
                for p in self
            ]
        )
        self._prm_apply_tier_pricelists()

    def _prm_tier_state(self, vals):
        """What :meth:`_prm_log_tier_writes` compares after writing ``vals``:
        ``(old tiers by partner id or None, partners newly locked or None)``."""
        old_tiers = (
            {p.id: p.prm_tier_id for p in self} if "prm_tier_id" in vals else None
        )
        newly_locked = (
            self.filtered(lambda p: not p.prm_tier_locked)
            if vals.get("prm_tier_locked")
            else None
        )
        return old_tiers, newly_locked

    def _prm_log_tier_writes(self, vals, state):
        """History of the locks and hand changes of tier ``vals`` just made."""
        old_tiers, newly_locked = state
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
        if old_tiers is None:
            return
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

    # Writes, history, pricelists

    def _prm_write_program_fields(self, vals):
        """Write partner-program fields for the internal paths of the program.

        The write goes through ``write()`` (every addon's override sees it) as
        superuser with the :data:`PROGRAM_WRITE` marker: the caller checked
        who may run it and logs the history and chatter notes itself, so
        neither the protected-field checks nor tracking apply. Callers group
        partners by identical values: one write per group, whatever the
        number of partners.
        """
        unexpected = set(vals) - PROGRAM_FIELDS
        if unexpected:
            raise ValueError(f"not a partner-program field: {sorted(unexpected)}")
        if not self:
            return True
        return self.sudo().with_context(**{PROGRAM_WRITE: True}).write(vals)

    def _children_sync(self, values):
        # Program fields are neither commercial nor address fields: Odoo's
        # sync to the contacts, one partner at a time, has nothing to do on
        # the program's batch writes (tier pricelists write the contacts
        # themselves).
        if access.is_internal(self.env, PROGRAM_WRITE) and not (
            values.keys() & {*self._commercial_fields(), *self._address_fields()}
        ):
            return
        return super()._children_sync(values)

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
        next_tier = tiers.browse(progress["tier"]["id"])
        return self._prm_describe_criteria(progress["criteria"], next_tier)

    def _prm_describe_criteria(self, results, tier):
        """Tier rule ``results`` for display: each with its label in the
        user's language, the name of ``tier`` and, for the criteria on
        records, the names of the required, actual and missing ones."""
        labels = self._prm_criterion_labels()
        described = []
        for result in results:
            values = dict(result, label=labels[result["criterion"]], tier=tier.name)
            model = tier_rules.SPECS[result["criterion"]].comodel
            if model:
                records = self.env[model].sudo()
                for key in ("required", "actual", "missing"):
                    values[key] = ", ".join(records.browse(result[key]).mapped("name"))
            described.append(values)
        return described

    def _prm_criterion_labels(self):
        """{criterion code: label in the user's language}."""
        return {
            code: self.env._(label)  # pylint: disable=translation-not-lazy
            for code, label in tier_rules.LABELS.items()
        }
