# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("visibility", "prm_library_program_ids")
    def _prm_check_library_visibility(self):
        """The sales library is for the enrolled contacts only."""
        exposed = self.sudo().filtered(
            lambda c: c.prm_library_program_ids and c.visibility != "members"
        )
        if exposed:
            raise ValidationError(
                self.env._(
                    "The courses %(names)s are part of the sales library of a "
                    "training program: they must be shown to course attendees "
                    "only (members-only visibility, enrollment on invitation).",
                    names=", ".join(exposed.mapped("display_name")),
                )
            )
