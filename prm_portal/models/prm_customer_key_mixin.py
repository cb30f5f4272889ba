# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL, create_index

from odoo.addons.prm_partner import access

from ..logic import conflict

# Key columns of every model using the mixin, by conflict criterion.
KEY_FIELDS = {
    conflict.TAX_ID: "prm_key_tax",
    conflict.EMAIL_DOMAIN: "prm_key_domain",
    conflict.PHONE: "prm_key_phone",
    conflict.NAME: "prm_key_name",
}

#: Keys of the distinctive name (compared for warnings, never claims).
NAME_FIELDS = ("prm_key_name_fuzzy", "prm_key_name_typos")

#: Suffix of the trigram index of the glued distinctive name ("minhphat"):
#: its trigrams across the words are rare where those of the syllables of
#: Vietnamese names are common (a few postings to read instead of
#: thousands), and glued names meet whatever the spaces.
GLUED_TRIGRAM_INDEX = "_prm_key_name_glued_trgm"

#: Models that store the keys, refreshed when the trade words change.
KEYED_MODELS = ("crm.lead", "res.partner", "prm.deal.registration")


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
    # (pg_trgm) for warnings; never a key that holds a customer.  Indexed
    # glued (init): see GLUED_TRIGRAM_INDEX.
    prm_key_name_fuzzy = fields.Char(
        string="Distinctive Name Key",
        compute="_compute_prm_keys",
        store=True,
    )

    # Spellings one typo away from the distinctive name and pairs of its
    # words (see conflict.name_lookup_keys), looked up by equality on a GIN
    # index (init): the candidates of the similar-name check.
    prm_key_name_typos = fields.Char(
        string="Name Spellings Key",
        compute="_compute_prm_keys",
        store=True,
    )

    def init(self):
        result = super().init()
        if not self._abstract:
            cr = self.env.cr
            # of earlier versions: the word trigram index (its postings of
            # common syllables cost 10-40 ms per lookup at 100,000 names) and
            # the function that kept the spelling lookup on its index (the
            # statistics of the expression index do it now)
            cr.execute(
                SQL(
                    "DROP INDEX IF EXISTS %s; "
                    "DROP FUNCTION IF EXISTS prm_name_spelling_ids(regclass, text[])",
                    SQL.identifier(f"{self._table}__prm_key_name_fuzzy_index"),
                )
            )
            indexes = {
                f"{self._table}_prm_key_name_typos_gin": (
                    "string_to_array(prm_key_name_typos, ' ')"
                ),
                f"{self._table}{GLUED_TRIGRAM_INDEX}": (
                    "(replace(prm_key_name_fuzzy, ' ', '')) gin_trgm_ops"
                ),
            }
            for index, expression_ in indexes.items():
                create_index(cr, index, self._table, [expression_], method="gin")
                # Without fast update every insert goes into the index at
                # once: the pending list of fast update (up to 4 MB) is read
                # in full by every lookup, 20 ms at 100,000 new names
                # instead of 0.2.
                cr.execute(
                    SQL(
                        "ALTER INDEX %s SET (fastupdate = off); "
                        "SELECT gin_clean_pending_list(%s::regclass)",
                        SQL.identifier(index),
                        index,
                    )
                )
        return result

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
            record.prm_key_name_typos = conflict.name_lookup_keys(keys.fuzzy_name)

    def _prm_refresh_keys(self):
        """Recompute and store the customer keys of ``self`` (after the
        trade words or the normalisation changed)."""
        fields_ = [self._fields[name] for name in (*KEY_FIELDS.values(), *NAME_FIELDS)]
        for field in fields_:
            self.env.add_to_compute(field, self)
        self.flush_recordset([field.name for field in fields_])

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
