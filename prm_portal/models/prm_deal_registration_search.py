# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel conflict search of a deal registration: open leads, customers with
recent orders and other live registrations of the same end customer, by the
exact keys and by similar names, and the conflict lines that say why."""

from odoo import api, fields, models
from odoo.osv import expression

from ..logic import conflict, registration
from . import conflict_candidates_sql
from .prm_customer_key_mixin import KEY_FIELDS, NAME_FIELDS

#: Models of the candidates of the check, by kind of conflict.
CANDIDATE_MODELS = {
    "lead": "crm.lead",
    "customer": "res.partner",
    "registration": "prm.deal.registration",
}

_KEY_COLUMNS = [*KEY_FIELDS.values(), *NAME_FIELDS]

#: Columns that ``prm_conflict_candidates`` reads, by model.
FLUSHED_FIELDS = {
    "crm.lead": [*_KEY_COLUMNS, "company_id", "active", "stage_id"],
    "crm.stage": ["is_won"],
    "res.partner": [*_KEY_COLUMNS, "company_id", "active", "commercial_partner_id"],
    "prm.deal.registration": [*_KEY_COLUMNS, "company_id", "state"],
    "sale.order": ["partner_id", "state", "date_order", "company_id"],
}


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited
class PrmDealRegistration(models.Model):
    _inherit = "prm.deal.registration"

    # ------------------------------------------------------------------
    # Channel conflict
    # ------------------------------------------------------------------

    def init(self):
        result = super().init()
        conflict_candidates_sql.create_function(self.env.cr)
        return result

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

    def _prm_find_conflicts(self, limit=50):
        """Conflicts of this registration with open leads and opportunities,
        customers with recent orders and other live registrations.

        Runs as superuser: the check must see every record, whoever submits,
        but only in the registration's company (records without a company
        are shared).  Returns a list of :class:`~..logic.conflict.Conflict`
        whose ``ref`` is a record.
        """
        self.ensure_one()
        # the fields of the check only (one narrow query)
        self.fetch(
            [*KEY_FIELDS.values(), "prm_key_name_fuzzy", "company_id", "lead_id"]
        )
        return self._prm_search_conflicts(
            self._prm_customer_keys(), self.company_id, [self, self.lead_id], limit
        )

    @api.model
    def _prm_candidate_values(self, keys, company, exclude, limit, threshold):
        """Parameters of ``prm_conflict_candidates`` (see
        ``conflict_candidates_sql.PARAMETERS``) for the customer of ``keys``
        in ``company``, except the records of ``exclude``, at most ``limit``
        rows of each kind; the columns they read are flushed first."""
        excluded = {model: [] for model in CANDIDATE_MODELS.values()}
        for records in exclude:
            if records._name in excluded:
                excluded[records._name] += records.ids
        for model, fnames in FLUSHED_FIELDS.items():
            self.env[model].flush_model(fnames)
        # unset keys are NULL (False in the fields of records)
        name = keys.fuzzy_name or None
        cutoff = fields.Datetime.subtract(
            fields.Datetime.now(), days=self._prm_recent_order_days()
        )
        return (
            *(keys.get(criterion) or None for criterion in KEY_FIELDS),
            name,
            name and name.replace(" ", ""),
            conflict.searched_spellings(name) or None,
            name and conflict.typo_variants(name).split(),
            threshold,
            company.id,
            excluded["crm.lead"],
            excluded["prm.deal.registration"],
            list(registration.LIVE_STATES),
            cutoff,
            limit,
        )

    @api.model
    def _prm_candidate_query(self, keys, company, exclude, limit, threshold):
        """SQL calling ``prm_conflict_candidates`` (see
        ``conflict_candidates_sql``): the candidate rows of open leads,
        customers (with whether they have a confirmed order in ``company``
        within the recent-order period, by the stored commercial partner:
        orders are often placed on a contact of the customer company) and
        live registrations of the customer of ``keys``, except the records
        of ``exclude``, at most ``limit`` of each kind."""
        return conflict_candidates_sql.candidates_call(
            self._prm_candidate_values(keys, company, exclude, limit, threshold),
            conflict.trigram_lookup_threshold(threshold),
        )

    @api.model
    def _prm_search_conflicts(self, keys, company, exclude, limit=50):
        """Conflicts of a customer described by ``keys`` in ``company`` (the
        check of a registration, and the "Check conflicts" of a lead or a
        customer): open leads, customers with recent orders, live
        registrations, except the records of ``exclude`` (a list of
        recordsets of those models; customers by commercial partner).

        One query whatever it finds: the candidates of the exact keys and of
        the two name lookups, with the recent orders of their customers, by
        a function of the database whose plan is kept per connection.
        """
        if keys.is_empty() and not keys.fuzzy_name:
            return []
        env = self.sudo().env
        own = set()
        for records in exclude:
            if records._name == "res.partner":
                own.update(records.commercial_partner_id.ids)
        threshold = self._prm_name_similarity()
        rows = env.execute_query(
            self._prm_candidate_query(keys, company, exclude, limit, threshold)
        )
        ids = {kind: [] for kind in CANDIDATE_MODELS}
        for kind, record_id, *_values in rows:
            ids[kind].append(record_id)
        companies, candidates = {}, []
        for kind, record_id, *values, similarity, partner, ordering in rows:
            if kind == "customer" and (not ordering or partner in own):
                continue
            # records prefetched together (their names are read next)
            rec = env[CANDIDATE_MODELS[kind]].browse(record_id)
            rec = rec.with_prefetch(ids[kind])
            if partner:
                companies[rec] = partner
            candidates.append((rec, conflict.CustomerKeys(*values), kind, similarity))
        result, seen = [], set()
        for item in conflict.candidate_conflicts(keys, candidates, threshold):
            # one line per customer company (best match first)
            if item.kind == "customer":
                if companies[item.ref] in seen:
                    continue
                seen.add(companies[item.ref])
            result.append(item)
        return result

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
