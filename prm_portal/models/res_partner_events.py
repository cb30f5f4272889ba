# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner events a channel partner's contacts attended: the tier criterion
"attended events" and the training hours they earned."""

import datetime
from collections import defaultdict

from odoo import fields, models

from odoo.addons.prm_partner.logic import dates as date_rules

#: training hours count over this trailing window, as certifications do
TRAINING_HOURS_MONTHS = 12


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited
class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_event_attended_count = fields.Integer(
        string="Attended Events",
        compute="_compute_prm_event_attendance",
        help="Events the partner's contacts attended over the last twelve months.",
    )
    prm_event_training_hours = fields.Float(
        string="Event Training Hours",
        compute="_compute_prm_event_attendance",
        help="Training hours of the events the partner's contacts attended "
        "over the last twelve months.",
    )

    def _compute_prm_event_attendance(self):
        today = fields.Date.context_today(self)
        since = date_rules.window_start(today, TRAINING_HOURS_MONTHS)
        attended = self._prm_events_attended(since)
        for partner in self:
            events = attended.get(partner.id, self.env["event.event"])
            partner.prm_event_attended_count = len(events)
            partner.prm_event_training_hours = sum(events.mapped("prm_training_hours"))

    def _prm_events_attended(self, date_from, date_to=None):
        """{commercial partner id: events (sudo) a contact of it attended,
        begun between ``date_from`` and ``date_to`` (default: now)}.

        Attended is Odoo's registration state "done". Two queries whatever
        the number of partners.
        """
        start = fields.Datetime.to_datetime(date_from) if date_from else None
        end = (
            fields.Datetime.to_datetime(date_to) + datetime.timedelta(days=1)
            if date_to
            else fields.Datetime.now()
        )
        domain = [
            ("partner_id.commercial_partner_id", "in", self.ids),
            ("state", "=", "done"),
            ("event_id.date_begin", "<", end),
        ]
        if start:
            domain.append(("event_id.date_begin", ">=", start))
        groups = (
            self.env["event.registration"]
            .sudo()
            ._read_group(domain, ["partner_id", "event_id"])
        )
        contacts = (
            self.env["res.partner"]
            .sudo()
            .browse({contact.id for contact, __ in groups})
        )
        commercial = {
            contact.id: contact.commercial_partner_id.id
            for contact in contacts.search_fetch(
                [("id", "in", contacts.ids)], ["commercial_partner_id"]
            )
        }
        events = defaultdict(lambda: self.env["event.event"].sudo())
        for contact, event in groups:
            events[commercial[contact.id]] |= event
        return events

    def _prm_tier_metrics(self, tiers, today, company=None, **kwargs):
        """Adds the events attended within each tier window: one read over
        the longest window, each window counts its share."""
        metrics = super()._prm_tier_metrics(tiers, today, company=company, **kwargs)
        if not any(tiers.mapped("min_events_attended")):
            # no tier counts them: not read, and left out of the snapshots
            # of the tier history rather than shown as none attended
            for values in (metrics.empty, *metrics.values()):
                values["events_attended_by_window"] = None
            return metrics
        starts = {
            months: date_rules.window_start(today, months)
            for months in set(tiers.mapped("revenue_window_months"))
        }
        if not starts:
            return metrics
        since = None if None in starts.values() else min(starts.values())
        attended = self._prm_events_attended(since, today)
        bounds = [
            (months, start and fields.Datetime.to_datetime(start))
            for months, start in starts.items()
        ]
        # the dates of all the events in one read, not one per partner
        begins = {
            event.id: event.date_begin
            for event in self.env["event.event"]
            .sudo()
            .browse({eid for events in attended.values() for eid in events.ids})
        }
        # the windows of a partner without events stay at zero
        for partner_id, events in attended.items():
            if not events:
                continue
            by_window = metrics.own(partner_id)["events_attended_by_window"]
            for months, start in bounds:
                by_window[months] = sum(
                    1 for eid in events.ids if not start or begins[eid] >= start
                )
        return metrics
