# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The claim of a deal registration on its end customer, which unique indexes
keep to one live registration per company, and the customer keys it is made
of (the conflict search is in ``prm_deal_registration_search``)."""

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..logic import conflict, registration
from .prm_customer_key_mixin import KEY_FIELDS

#: Fields the customer keys are computed from.
KEY_SOURCE_FIELDS = (
    "customer_name",
    "customer_vat",
    "customer_email",
    "customer_phone",
    "customer_country_id",
)


class PrmDealRegistration(models.Model):
    _inherit = "prm.deal.registration"

    # Channel conflict (reviewers only)
    conflict_ids = fields.One2many(
        "prm.deal.registration.conflict",
        "registration_id",
        string="Conflicts",
        groups="prm_partner.group_prm_user",
    )
    conflict_score = fields.Integer(
        compute="_compute_conflict_summary",
        store=True,
        groups="prm_partner.group_prm_user",
    )
    conflict_count = fields.Integer(
        compute="_compute_conflict_summary",
        store=True,
        groups="prm_partner.group_prm_user",
    )
    conflict_competing_ids = fields.Many2many(
        "prm.deal.registration.conflict",
        string="Competing Registrations",
        compute="_compute_conflict_open",
        groups="prm_partner.group_prm_user",
        help="Live registrations submitted later for the same customer: their "
        "conflict with this one, seen from this side.",
    )
    conflict_open = fields.Boolean(
        string="Open Conflict",
        compute="_compute_conflict_open",
        groups="prm_partner.group_prm_user",
        help="Set while this registration is to be decided and another live "
        "record of the same customer competes with it.",
    )
    claim_active = fields.Boolean(
        string="Holds the Customer",
        readonly=True,
        copy=False,
        groups="prm_partner.group_prm_user",
        help="Set while this live registration is the one registration holding "
        "its customer; unique indexes on the customer keys guarantee that no two "
        "live registrations hold the same customer.",
    )

    def init(self):
        result = super().init()
        # Database-level guarantee: among live registrations holding their
        # customer (claim_active), every customer key is unique per company.
        for column in KEY_FIELDS.values():
            # earlier versions had the indexes without the company
            self.env.cr.execute(
                SQL(
                    "DROP INDEX IF EXISTS %s",
                    SQL.identifier(f"prm_deal_registration_claim_{column}_uniq"),
                )
            )
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX IF NOT EXISTS %s "
                    "ON prm_deal_registration (company_id, %s) "
                    "WHERE claim_active AND %s IS NOT NULL",
                    SQL.identifier(f"prm_deal_registration_claim_{column}_co_uniq"),
                    SQL.identifier(column),
                    SQL.identifier(column),
                )
            )
        return result

    # ------------------------------------------------------------------
    # Customer keys and conflict summary
    # ------------------------------------------------------------------

    @api.depends(*KEY_SOURCE_FIELDS)
    def _compute_prm_keys(self):
        forms = self._prm_term_forms()
        for reg in self:
            keys = conflict.compute_keys(
                name=reg.customer_name,
                tax_id=reg.customer_vat,
                email=reg.customer_email,
                phone=reg.customer_phone,
                country_code=reg.customer_country_id.code or "VN",
                term_forms=forms,
            )
            reg._prm_set_customer_keys(keys)

    @api.depends("conflict_ids.score")
    def _compute_conflict_summary(self):
        for reg in self:
            scores = reg.conflict_ids.mapped("score")
            reg.conflict_score = max(scores) if scores else 0
            reg.conflict_count = len(scores)

    @api.depends("state", "conflict_ids.kind", "conflict_ids.other_state")
    def _compute_conflict_open(self):
        """A conflict is recorded on the later of two registrations; the
        earlier one shows it too, and both are open while either waits for
        a decision."""
        Conflict = self.env["prm.deal.registration.conflict"]
        saved = self.filtered("id")
        competing = Conflict.search(
            [
                ("other_registration_id", "in", saved.ids),
                ("registration_id.state", "in", registration.LIVE_STATES),
            ]
        ).grouped("other_registration_id")
        for reg in self:
            own = reg.conflict_ids.filtered(
                lambda c: c.kind != "registration"
                or c.other_state in registration.LIVE_STATES
            )
            # a registration both ways is shown once, among its own lines
            others = competing.get(reg, Conflict).filtered(
                lambda c, own=own: c.registration_id not in own.other_registration_id
            )
            reg.conflict_competing_ids = others
            reg.conflict_open = reg.state in ("submitted", "under_review") and bool(
                own or others
            )

    def write(self, vals):
        rekey = set(KEY_SOURCE_FIELDS) & set(vals)
        if rekey:
            if any(reg.state not in ("submitted", "under_review") for reg in self):
                raise UserError(
                    self.env._(
                        "The customer of a registration cannot change once it is "
                        "decided."
                    )
                )
            # free the customer first: the new keys may belong to another claim
            self._prm_release_claim()
        result = super().write(vals)
        if rekey:
            self._prm_check_and_claim()
        return result

    def _prm_try_claim(self):
        """Try to make this registration the one holding its customer.

        Returns True when it holds it.  Two transactions claiming the same
        customer at the same moment serialise on the unique indexes: the
        second waits for the first and then fails here.
        """
        self.ensure_one()
        self.flush_recordset()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "UPDATE prm_deal_registration SET claim_active = TRUE "
                    "WHERE id = %s",
                    [self.id],
                    log_exceptions=False,
                )
        except psycopg2.errors.UniqueViolation:
            return False
        finally:
            self.invalidate_recordset(["claim_active"])
        return True

    def _prm_claim_holder(self):
        """The other registration of the company holding this one's customer."""
        self.ensure_one()
        return self.sudo().search(
            [
                ("claim_active", "=", True),
                ("id", "!=", self.id),
                ("company_id", "=", self.company_id.id),
            ]
            + self._prm_key_domain(self._prm_customer_keys()),
            limit=1,
        )

    def _prm_release_claim(self):
        if self:
            self.flush_recordset()
            self.env.cr.execute(
                "UPDATE prm_deal_registration SET claim_active = FALSE WHERE id IN %s",
                [tuple(self.ids)],
            )
            self.invalidate_recordset(["claim_active"])

    def _prm_check_and_claim(self):
        """On submission (and edition): find conflicts, claim the customer;
        any conflict with another partner or a lost claim puts the
        registration under review."""
        self._prm_release_claim()
        self._prm_check_conflicts()
        for reg in self.sudo():
            if reg.state not in ("submitted", "under_review"):
                continue
            claimed = reg._prm_try_claim()
            # a similar name alone warns the reviewer, it is no conflict
            exact = reg.conflict_ids.filtered(lambda c: c.reason != conflict.FUZZY_NAME)
            if not claimed and not exact.filtered(lambda c: c.kind == "registration"):
                # Registered by someone else at the same moment: their record
                # is not visible in this transaction yet.
                reg.conflict_ids = [
                    fields.Command.create(
                        {"kind": "concurrent", "score": 100, "reason": False}
                    )
                ]
            if (exact or not claimed) and reg.state == "submitted":
                reg.state = "under_review"
