# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventEvent(models.Model):
    _name = "event.event"
    _inherit = ["event.event", "prm.audience.mixin"]
    _prm_audience_switch = "prm_partners_only"

    prm_partners_only = fields.Boolean(
        string="Partners Only",
        help="Only the contacts of the channel partners of its audience see "
        "it on the website and the partner portal.",
    )
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
