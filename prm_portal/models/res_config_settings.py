# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..logic import conflict


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    prm_conflict_name_similarity = fields.Float(
        string="Similar Name Threshold",
        config_parameter="prm_portal.conflict_name_similarity",
        default=conflict.DEFAULT_NAME_SIMILARITY,
        help="Trigram similarity (0 to 1) from which the distinctive names of "
        "two customers are reported as a possible channel conflict.",
    )
    prm_price_ceiling = fields.Float(
        related="company_id.prm_price_ceiling", readonly=False
    )
