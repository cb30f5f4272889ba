# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel conflict search of a deal registration: open leads, customers with
recent orders and other live registrations of the same end customer, by the
exact keys and by similar names, and the conflict lines that say why."""

from odoo import api, fields, models
from odoo.osv import expression

from ..logic import conflict, registration
from .prm_customer_key_mixin import KEY_FIELDS


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited
class PrmDealRegistration(models.Model):
    _inherit = "prm.deal.registration"

    # ------------------------------------------------------------------
    # Channel conflict
    # ------------------------------------------------------------------

    @api.model
    def _prm_key_domain(self, keys):
        """Domain matching any non-empty key of ``keys`` on the key columns."""
        lookups = conflict.lookup_values(keys)
        if not lookups:
            return expression.FALSE_DOMAIN
        return expression.OR(
            [
                [(KEY_FIELDS[criterion], "=", value)]
                for criterion, value in lookups.items()
            ]
        )

    def _prm_recent_order_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("prm_portal.recent_order_days", "365")
        )
        try:
            return max(int(value), 0)
        except ValueError:
            return 365

    def _prm_name_similarity(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("prm_portal.conflict_name_similarity", "")
        )
        try:
            return min(max(float(value), 0.0), 1.0)
        except ValueError:
            return conflict.DEFAULT_NAME_SIMILARITY

    @api.model
    def _prm_ordering_customers(self, partners, company, limit):
        """Commercial partners of ``partners`` with a confirmed order in
        ``company`` within the recent-order period."""
        if not partners:
            return partners
        cutoff = fields.Datetime.subtract(
            fields.Datetime.now(), days=self._prm_recent_order_days()
        )
        # orders are often placed on a contact of the customer company
        orders = (
            self.env["sale.order"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "child_of", partners.commercial_partner_id.ids),
                    ("state", "=", "sale"),
                    ("date_order", ">=", cutoff),
                    ("company_id", "=", company.id),
                ],
                ["partner_id"],
                limit=10 * limit,
            )
        )
        return orders.partner_id.commercial_partner_id

    def _prm_find_conflicts(self, limit=50):
        """Conflicts of this registration with open leads and opportunities,
        customers with recent orders and other live registrations.

        Runs as superuser: the check must see every record, whoever submits,
        but only in the registration's company (records without a company
        are shared).  Returns a list of :class:`~..logic.conflict.Conflict`
        whose ``ref`` is a record.
        """
        self.ensure_one()
        return self._prm_search_conflicts(
            self._prm_customer_keys(), self.company_id, [self, self.lead_id], limit
        )

    @api.model
    def _prm_search_conflicts(self, keys, company, exclude, limit=50):
        """Conflicts of a customer described by ``keys`` in ``company`` (the
        check of a registration, and the "Check conflicts" of a lead or a
        customer): open leads, customers with recent orders, live
        registrations, except the records of ``exclude`` (a list of
        recordsets of those models; customers by commercial partner)."""
        key_domain = self._prm_key_domain(keys)
        if key_domain == expression.FALSE_DOMAIN and not keys.fuzzy_name:
            return []
        env = self.sudo().env
        excluded = {}
        for records in exclude:
            excluded[records._name] = excluded.get(records._name, ()) + tuple(
                records.ids
            )
        shared = [("company_id", "in", (company.id, False))]
        scopes = {
            "lead": (
                env["crm.lead"],
                expression.AND(
                    [
                        shared,
                        [("active", "=", True)],
                        [
                            "|",
                            ("stage_id", "=", False),
                            ("stage_id.is_won", "=", False),
                        ],
                        [("id", "not in", excluded.get("crm.lead", ()))],
                    ]
                ),
            ),
            "customer": (env["res.partner"], shared),
            "registration": (
                env["prm.deal.registration"],
                [
                    ("company_id", "=", company.id),
                    ("state", "in", registration.LIVE_STATES),
                    ("id", "not in", excluded.get("prm.deal.registration", ())),
                ],
            ),
        }
        own = env["res.partner"].browse(excluded.get("res.partner", ()))
        own = own.commercial_partner_id
        candidates = []
        if key_domain != expression.FALSE_DOMAIN:
            for kind, (model, domain) in scopes.items():
                records = model.search(
                    expression.AND([key_domain, domain]), limit=limit
                )
                if kind == "customer":
                    ordering = self._prm_ordering_customers(records, company, limit)
                    records = records.filtered(
                        lambda p, o=ordering - own: p.commercial_partner_id in o
                    )
                candidates += [(rec, rec._prm_customer_keys(), kind) for rec in records]
        found = conflict.find_conflicts(keys, candidates)
        found += self._prm_find_similar_names(keys, scopes, found, company, own)
        result, seen = [], set()
        for item in sorted(found):
            # one line per customer company (best match first)
            if item.kind == "customer":
                company = item.ref.commercial_partner_id
                if company in seen:
                    continue
                seen.add(company)
            result.append(item)
        return result

    @api.model
    def _prm_find_similar_names(self, keys, scopes, found, company, own, limit=20):
        """Conflicts on a similar distinctive name (trigram index), with the
        records the exact keys did not find: warnings, never claims."""
        if not keys.fuzzy_name:
            return []
        threshold = self._prm_name_similarity()
        known = {item.ref for item in found}
        similar = []
        for kind, (model, domain) in scopes.items():
            matches = model._prm_similar_names(keys, domain, threshold, limit=limit)
            if kind == "customer" and matches:
                partners = model.browse([rec.id for rec, _score in matches])
                ordering = self._prm_ordering_customers(partners, company, limit)
                ordering -= own
                matches = [m for m in matches if m[0].commercial_partner_id in ordering]
            similar += [
                conflict.Conflict(
                    ref=rec,
                    criteria=(conflict.FUZZY_NAME,),
                    score=conflict.WEIGHTS[conflict.FUZZY_NAME],
                    kind=kind,
                    similarity=value,
                )
                for rec, value in matches
                if rec not in known
            ]
        return similar

    @api.model
    def _prm_conflict_other_name(self, item):
        """Company name of the record a conflict is with, as written there."""
        record = item.ref
        if item.kind == "lead":
            return record.partner_name or record.name
        if item.kind == "customer":
            return record.commercial_partner_id.name
        return record.customer_name

    @api.model
    def _prm_conflict_explanation(self, item, keys, name):
        """Why a conflict was found, in words a reviewer checks at once:
        the criterion and both values (``name``: the company name checked)."""
        labels = dict(
            self.env["prm.deal.registration.conflict"]
            ._fields["reason"]
            ._description_selection(self.env)
        )
        if item.criteria == (conflict.FUZZY_NAME,):
            return self.env._(
                "name %(score).2f: '%(name)s' ~ '%(other)s'",
                score=item.similarity or 0.0,
                name=name,
                other=self._prm_conflict_other_name(item),
            )
        return "; ".join(
            f"{labels[criterion]}: {keys.get(criterion)}" for criterion in item.criteria
        )

    def _prm_conflict_line_values(self, found):
        self.ensure_one()
        keys = self._prm_customer_keys()
        values = []
        for item in found:
            record = item.ref
            line = {
                "registration_id": self.id,
                "kind": item.kind,
                "score": item.score,
                "reason": item.reason,
                "criteria": ",".join(item.criteria),
                "other_name": record.display_name,
                "explanation": self._prm_conflict_explanation(
                    item, keys, self.customer_name
                ),
                "similarity": item.similarity or 0.0,
            }
            if item.kind == "lead":
                line["lead_id"] = record.id
                line["other_partner_id"] = record.prm_partner_id.id
            elif item.kind == "customer":
                line["customer_id"] = record.commercial_partner_id.id
                line["other_name"] = record.commercial_partner_id.display_name
            else:
                line["other_registration_id"] = record.id
                line["other_partner_id"] = record.partner_id.id
            values.append(line)
        return values

    def _prm_check_conflicts(self):
        """Recompute the conflict lines of live registrations."""
        lines = self.env["prm.deal.registration.conflict"].sudo()
        lines.search([("registration_id", "in", self.ids)]).unlink()
        values = []
        for reg in self.filtered(lambda r: r.state in registration.LIVE_STATES):
            values += reg._prm_conflict_line_values(reg._prm_find_conflicts())
        return lines.create(values)
