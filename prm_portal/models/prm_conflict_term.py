# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from ..logic import normalize


class PrmConflictTerm(models.Model):
    """A common trade word ("Thương mại", "Trading") that says what a
    company does, not who it is: the channel-conflict check leaves it out
    of the distinctive name it compares.  Words of both languages share one
    canonical token, so that a manager sees the pairs together."""

    _name = "prm.conflict.term"
    _description = "Channel Conflict Trade Word"
    _order = "canonical, language, word"
    _rec_name = "word"

    word = fields.Char(required=True, translate=False)
    canonical = fields.Char(
        string="Canonical Token",
        required=True,
        help="Shared by the Vietnamese and the English forms of a trade word, "
        "e.g. 'trading' for 'Thương mại' and 'Trading'.",
    )
    language = fields.Selection(
        [("vi", "Vietnamese"), ("en", "English")], required=True, default="vi"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "word_language_uniq",
            "unique(word, language)",
            "This trade word is already in the list.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _prm_term_forms(self):
        """Active trade words as ``normalize.trade_term_forms`` (a tuple)."""
        terms = self.sudo().search_fetch([("active", "=", True)], ["word", "canonical"])
        return tuple(normalize.trade_term_forms((t.word, t.canonical) for t in terms))
