# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel conflict search of a deal registration: open leads, customers with
recent orders and other live registrations of the same end customer, by the
exact keys and by similar names, and the conflict lines that say why."""

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

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
        # orders are often placed on a contact of the customer company: one
        # query on the stored commercial partner instead of child_of and
        # two more queries (the check runs on every submission)
        self.env["sale.order"].flush_model(
            ["partner_id", "state", "date_order", "company_id"]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT buyer.commercial_partner_id
                  FROM sale_order so
                  JOIN res_partner buyer ON buyer.id = so.partner_id
                 WHERE buyer.commercial_partner_id = ANY(%s)
                   AND so.state = 'sale'
                   AND so.date_order >= %s
                   AND so.company_id = %s
                 LIMIT %s
                """,
                partners.commercial_partner_id.ids,
                cutoff,
                company.id,
                10 * limit,
            )
        )
        return self.env["res.partner"].browse(row[0] for row in rows)

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
        # one query per step whatever the number of scopes: exact keys,
        # similar names, then the recent orders of the customers found
        exact = []
        if key_domain != expression.FALSE_DOMAIN:
            exact = self._prm_union_rows(
                [
                    model._prm_key_rows(
                        kind, expression.AND([key_domain, domain]), limit
                    )
                    for kind, (model, domain) in scopes.items()
                ]
            )
        similar = self._prm_similar_name_rows(keys, scopes, limit=20)
        customers = env["res.partner"].browse(
            row[1] for row in exact + similar if row[0] == "customer"
        )
        ordering = self._prm_ordering_customers(customers, company, limit) - own

        def record(kind, record_id):
            rec = scopes[kind][0].browse(record_id)
            if kind == "customer" and rec.commercial_partner_id not in ordering:
                return None
            return rec

        candidates = []
        for kind, record_id, *values in exact:
            rec = record(kind, record_id)
            if rec:
                other = conflict.CustomerKeys(*values[: len(KEY_FIELDS)])
                candidates.append((rec, other, kind))
        found = conflict.find_conflicts(keys, candidates)
        known = {item.ref for item in found}
        threshold = self._prm_name_similarity()
        for kind, record_id, other, value in similar:
            rec = record(kind, record_id)
            if (
                rec
                and rec not in known
                and conflict.similar_names(keys.fuzzy_name, other, value, threshold)
            ):
                found.append(
                    conflict.Conflict(
                        ref=rec,
                        criteria=(conflict.FUZZY_NAME,),
                        score=conflict.WEIGHTS[conflict.FUZZY_NAME],
                        kind=kind,
                        similarity=round(value, 2),
                    )
                )
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
    def _prm_union_rows(self, selects):
        """Rows of the SELECT queries ``selects``, run as one statement."""
        return self.env.execute_query(
            SQL(" UNION ALL ").join(SQL("(%s)", select) for select in selects)
        )

    @api.model
    def _prm_similar_name_rows(self, keys, scopes, limit):
        """``(kind, id, distinctive name, similarity)`` of the records of
        every scope whose distinctive name may be similar (two words in
        common or a spelling one typo away): warnings, never claims."""
        if not keys.fuzzy_name:
            return []
        return self._prm_union_rows(
            [
                model._prm_similar_rows(kind, keys.fuzzy_name, domain, limit)
                for kind, (model, domain) in scopes.items()
            ]
        )

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
