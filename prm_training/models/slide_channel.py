# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SlideChannel(models.Model):
    _inherit = "slide.channel"

    prm_library_program_ids = fields.Many2many(
        "prm.training.program",
        "prm_training_program_library_rel",
        "channel_id",
        "program_id",
        string="Sales Library of Programs",
        help="Training programs whose enrolled contacts can read this "
        "documentation course.",
    )
