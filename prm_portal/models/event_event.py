# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventEvent(models.Model):
    _name = "event.event"
    _inherit = ["event.event", "prm.audience.mixin"]
    _prm_audience_switch = "prm_partners_only"

    # the audience's relation tables, named once and for all
    prm_tier_ids = fields.Many2many(
        relation="event_event_prm_tier_rel",
        column1="event_event_id",
        column2="prm_tier_id",
    )
    prm_territory_ids = fields.Many2many(
        relation="event_event_prm_territory_rel",
        column1="event_event_id",
        column2="prm_territory_id",
    )
    prm_partner_ids = fields.Many2many(
        # event_event_res_partner_rel before 18.0.1.4.0, a name of Odoo's pattern
        relation="event_event_prm_partner_rel",
        column1="event_event_id",
        column2="res_partner_id",
    )
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
