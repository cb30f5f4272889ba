# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..logic import normalize
from .prm_customer_key_mixin import GLUED_TRIGRAM_INDEX, KEYED_MODELS

#: Where the refresh of the stored name keys stands: "model,last id done".
REFRESH_CURSOR = "prm_portal.name_keys_refresh"
#: Records refreshed per chunk (one commit each), a system parameter.
REFRESH_CHUNK = "prm_portal.name_keys_refresh_chunk"

_logger = logging.getLogger(__name__)


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
        terms = super().create(vals_list)
        self._prm_terms_changed()
        return terms

    def write(self, vals):
        result = super().write(vals)
        self._prm_terms_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._prm_terms_changed()
        return result

    @api.model
    def _prm_terms_changed(self):
        """The stored distinctive names of every customer, lead and
        registration follow the new words: in the background, by chunks."""
        self.env.registry.clear_cache()
        self.env["ir.config_parameter"].sudo().set_param(
            REFRESH_CURSOR, f"{KEYED_MODELS[0]},0"
        )
        cron = self.env.ref("prm_portal.ir_cron_prm_refresh_name_keys", False)
        if cron:
            cron.sudo()._trigger()

    @api.model
    def _cron_refresh_name_keys(self):
        """Refresh one chunk of stored customer keys and say what remains:
        the scheduler commits each chunk and calls again, so a crash or a
        time limit resumes after the last chunk done."""
        params = self.env["ir.config_parameter"].sudo()
        cursor = params.get_param(REFRESH_CURSOR)
        if not cursor:
            return
        model_name, last_id = cursor.split(",")
        size = max(int(params.get_param(REFRESH_CHUNK, "1000") or 1000), 1)
        Model = self.env[model_name].sudo().with_context(active_test=False)
        records = Model.search([("id", ">", int(last_id))], order="id", limit=size)
        records._prm_refresh_keys()
        position = KEYED_MODELS.index(model_name)
        if len(records) == size:
            cursor = f"{model_name},{records[-1].id}"
            remaining = Model.search_count([("id", ">", records[-1].id)])
        elif position + 1 < len(KEYED_MODELS):
            cursor, remaining = f"{KEYED_MODELS[position + 1]},0", 1
        else:
            cursor, remaining = "", 0
            # every stored name was rewritten: its indexes rebuilt compact
            self._prm_rebuild_name_indexes()
        params.set_param(REFRESH_CURSOR, cursor)
        _logger.info(
            "Customer keys refreshed: %s %s records, %s more to do",
            len(records),
            model_name,
            remaining,
        )
        self.env["ir.cron"]._notify_progress(
            done=len(records), remaining=remaining + bool(cursor)
        )

    @api.model
    def _prm_rebuild_name_indexes(self):
        """Rebuild the trigram indexes of the stored distinctive names.

        Filled row by row (fast update is off, see the key mixin) or after
        every row was rewritten (install, a refresh of the keys, a mass
        import) a GIN trigram index is two to three times the size of one
        built at once, and the conflict check reads several times more of
        it.  REINDEX blocks writes to the table and the queries planned on
        it while it runs: about one second per 100,000 names.
        """
        for model in KEYED_MODELS:
            index = f"{self.env[model]._table}{GLUED_TRIGRAM_INDEX}"
            self.env.cr.execute(SQL("REINDEX INDEX %s", SQL.identifier(index)))
        _logger.info("Trigram indexes of the customer names rebuilt")

    @api.model
    @tools.ormcache()
    def _prm_term_forms(self):
        """Active trade words as ``normalize.trade_term_forms`` (a tuple)."""
        terms = self.sudo().search_fetch([("active", "=", True)], ["word", "canonical"])
        return tuple(normalize.trade_term_forms((t.word, t.canonical) for t in terms))
