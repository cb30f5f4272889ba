# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmTrainingProgramCourse(models.Model):
    """One course of a program, in the order the contact should follow it."""

    _name = "prm.training.program.course"
    _description = "Training Program Course"
    _order = "sequence, id"

    program_id = fields.Many2one(
        "prm.training.program", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    channel_id = fields.Many2one(
        "slide.channel",
        string="Course",
        required=True,
        ondelete="restrict",
        domain=[("channel_type", "=", "training")],
    )
    total_slides = fields.Integer(related="channel_id.total_slides", string="Contents")
    total_time = fields.Float(related="channel_id.total_time")

    _sql_constraints = [
        (
            "program_channel_uniq",
            "unique(program_id, channel_id)",
            "A course can only appear once in a program.",
        ),
    ]
