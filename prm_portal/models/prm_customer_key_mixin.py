# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

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

    def _compute_prm_keys(self):
        """Overridden by every model with the values its keys come from."""
        self._prm_set_customer_keys(conflict.CustomerKeys())

    def _prm_set_customer_keys(self, keys):
        """Store the :class:`~..logic.conflict.CustomerKeys` ``keys`` in the
        key fields of every record of ``self``."""
        for record in self:
            for criterion, column in KEY_FIELDS.items():
                record[column] = keys.get(criterion)

    def _prm_customer_keys(self):
        self.ensure_one()
        return conflict.CustomerKeys(
            **{criterion: self[column] for criterion, column in KEY_FIELDS.items()}
        )
