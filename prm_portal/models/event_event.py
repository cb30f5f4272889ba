# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventEvent(models.Model):
    _name = "event.event"
    _inherit = ["event.event", "prm.partner.audience.mixin"]

    prm_training_hours = fields.Float(
        string="Training Hours",
        help="Hours of training each attendee of a channel partner earns.",
    )

    @api.constrains("prm_training_hours")
    def _check_prm_training_hours(self):
        for event in self:
            if event.prm_training_hours < 0:
                raise ValidationError(
                    self.env._(
                        "The training hours of %(event)s cannot be negative.",
                        event=event.name,
                    )
                )
