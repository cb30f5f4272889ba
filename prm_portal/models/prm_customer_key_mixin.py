# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.prm_partner import access

from ..logic import conflict

# Key columns of every model using the mixin, by conflict criterion.
KEY_FIELDS = {
    conflict.TAX_ID: "prm_key_tax",
    conflict.EMAIL_DOMAIN: "prm_key_domain",
    conflict.PHONE: "prm_key_phone",
    conflict.NAME: "prm_key_name",
}


class PrmCustomerKeyMixin(models.AbstractModel):
    """Normalised identity of an end customer for the channel-conflict
    check: four stored, indexed keys compared by equality.  Models using
    the mixin override ``_compute_prm_keys`` with their own dependencies and
    store the result with ``_prm_set_customer_keys``."""

    _name = "prm.customer.key.mixin"
    _description = "PRM Customer Identity Keys"

    prm_key_tax = fields.Char(
        string="Tax ID Key",
        compute="_compute_prm_keys",
        store=True,
        index="btree_not_null",
    )
    prm_key_domain = fields.Char(
        string="E-mail Domain Key",
        compute="_compute_prm_keys",
        store=True,
        index="btree_not_null",
    )
    prm_key_phone = fields.Char(
        string="Phone Key",
        compute="_compute_prm_keys",
        store=True,
        index="btree_not_null",
    )
    prm_key_name = fields.Char(
        string="Company Name Key",
        compute="_compute_prm_keys",
        store=True,
        index="btree_not_null",
    )

    # Distinctive part of the company name, compared by trigram similarity
    # (pg_trgm) for warnings; never a key that holds a customer.
    prm_key_name_fuzzy = fields.Char(
        string="Distinctive Name Key",
        compute="_compute_prm_keys",
        store=True,
        index="trigram",
    )

    def _prm_term_forms(self):
        """Trade words left out of the distinctive name."""
        return self.env["prm.conflict.term"]._prm_term_forms()

    def _compute_prm_keys(self):
        """Overridden by every model with the values its keys come from."""
        self._prm_set_customer_keys(conflict.CustomerKeys())

    def _prm_set_customer_keys(self, keys):
        """Store the :class:`~..logic.conflict.CustomerKeys` ``keys`` in the
        key fields of every record of ``self``."""
        for record in self:
            for criterion, column in KEY_FIELDS.items():
                record[column] = keys.get(criterion)
            record.prm_key_name_fuzzy = keys.fuzzy_name

    @api.model
    def _prm_similar_names(self, keys, domain, threshold, limit=20):
        """Records of ``domain`` whose distinctive name is similar to
        ``keys.fuzzy_name``, as ``[(record, similarity)]``, most similar
        first.

        The trigram index on ``prm_key_name_fuzzy`` picks the candidates
        (pg_trgm's ``%`` operator, its similarity_threshold set for the
        transaction to ``conflict.CANDIDATE_SIMILARITY`` or ``threshold`` if
        lower); their similarity, word by word or glued, is computed by the
        database, and ``conflict.similar_names`` decides with ``threshold``.
        """
        name = keys.fuzzy_name
        if not name:
            return []
        floor = min(threshold, conflict.CANDIDATE_SIMILARITY)
        self.env.cr.execute(
            SQL(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                str(floor),
            )
        )
        query = self._search(domain)
        column = SQL.identifier(query.table, "prm_key_name_fuzzy")
        similarity = SQL(
            "GREATEST(similarity(%s, %s), similarity(replace(%s, ' ', ''), %s))",
            column,
            name,
            column,
            name.replace(" ", ""),
        )
        # pg_trgm's similarity operator; SQL() keeps "%%" only without arguments
        query.add_where(SQL("%s %s %s", column, SQL("%%"), name))
        query.order = SQL("%s DESC, %s", similarity, SQL.identifier(query.table, "id"))
        query.limit = limit
        rows = self.env.execute_query(
            query.select(SQL.identifier(query.table, "id"), column, similarity)
        )
        return [
            (self.browse(record_id), round(value, 2))
            for record_id, other, value in rows
            if conflict.similar_names(name, other, value, threshold)
        ]

    def _prm_conflict_name(self):
        """Company name of the record, as the conflict lines quote it."""
        self.ensure_one()
        return self.display_name

    def _prm_conflict_summary(self):
        """One line per channel conflict of this record's customer (the
        check deal registrations run), best first."""
        self.ensure_one()
        Registration = self.env["prm.deal.registration"]
        keys = self._prm_customer_keys()
        found = Registration._prm_search_conflicts(
            keys, self.company_id or self.env.company, [self]
        )
        kinds = dict(
            self.env["prm.deal.registration.conflict"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        name = self._prm_conflict_name()
        return [
            self.env._(
                "%(kind)s %(record)s: %(why)s",
                kind=kinds[item.kind],
                record=item.ref.display_name,
                why=Registration._prm_conflict_explanation(item, keys, name),
            )
            for item in found
        ]

    def action_prm_check_conflicts(self):
        """Run the channel-conflict check of deal registrations on this
        record and show what it finds."""
        access.require(self.env, access.USER)
        self.ensure_one()
        lines = self._prm_conflict_summary()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._(
                    "Channel conflicts of %(name)s", name=self.display_name
                ),
                "message": "\n".join(lines)
                or self.env._("No other record of this customer was found."),
                "type": "warning" if lines else "success",
                "sticky": bool(lines),
            },
        }

    def _prm_customer_keys(self):
        self.ensure_one()
        return conflict.CustomerKeys(
            **{criterion: self[column] for criterion, column in KEY_FIELDS.items()},
            fuzzy_name=self.prm_key_name_fuzzy,
        )
