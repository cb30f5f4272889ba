# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner events on the portal: the upcoming events kept for the user's
partner, registration of the user, the events its contacts attended."""

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.osv import expression

from ..logic import events as event_rules
from .common import PrmPortalSection

EVENTS_URL = "/my/events"


class PrmEventPortal(PrmPortalSection):
    def _prm_event_domain(self, partner):
        """Upcoming published partner events of ``partner``'s audience."""
        Event = request.env["event.event"]
        return expression.AND(
            [
                [
                    ("prm_partners_only", "=", True),
                    ("website_published", "=", True),
                    ("date_end", ">=", fields.Datetime.now()),
                ],
                Event._prm_audience_domain(partner),
            ]
        )

    def _prm_event_registrations(self, events):
        """{event id: the user's own live registration} for ``events``."""
        registrations = (
            request.env["event.registration"]
            .sudo()
            .search(
                [
                    ("event_id", "in", events.ids),
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        return {
            registration.event_id.id: registration for registration in registrations
        }

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_event_count" in counters:
            count = 0
            if self._prm_is_partner():
                partner = self._prm_partner()
                count = (
                    request.env["event.event"]
                    .sudo()
                    .search_count(self._prm_event_domain(partner))
                )
            values["prm_event_count"] = count
        return values

    @http.route([EVENTS_URL], type="http", auth="user", website=True)
    def prm_portal_my_events(self, message=None, error=None, **kw):
        partner = self._prm_require_partner(NotFound)
        Event = request.env["event.event"].sudo()
        upcoming = Event.search(
            self._prm_event_domain(partner), order="date_begin", limit=100
        )
        # attended by the user's company: its training hours
        attended = partner._prm_events_attended(None).get(partner.id, Event)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_event",
                "events": upcoming,
                "my_registrations": self._prm_event_registrations(upcoming),
                "attended": attended.sorted("date_begin", reverse=True)[:20],
                "training_hours": partner.prm_event_training_hours,
                "message": message if message == "registered" else None,
                "error": error if error in event_rules.ERRORS else None,
            }
        )
        return request.render("prm_portal.portal_my_events", values)

    @http.route(
        [f"{EVENTS_URL}/<int:event_id>/register"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_event_register(self, event_id, **kw):
        """Registers the user for a partner event of its audience, through
        Odoo's own registrations (seats, tickets and confirmation mails)."""
        partner = self._prm_require_partner(NotFound)
        event = (
            request.env["event.event"]
            .sudo()
            .search(
                expression.AND(
                    [[("id", "=", event_id)], self._prm_event_domain(partner)]
                ),
                limit=1,
            )
        )
        if not event:
            raise NotFound()
        contact = request.env.user.partner_id
        error = event_rules.registration_error(
            event.event_registrations_open,
            event.event_registrations_sold_out,
            bool(self._prm_event_registrations(event)),
        )
        if not error:
            tickets = event.event_ticket_ids.filtered(
                lambda t: t.sale_available and not t.is_sold_out
            )
            if event.event_ticket_ids and not tickets:
                error = event_rules.FULL
        if error:
            return request.redirect(f"{EVENTS_URL}?error={error}")
        try:
            # checked above: the event is meant for the user's partner. No
            # savepoint: Odoo's mail schedulers of the registration may commit.
            request.env["event.registration"].sudo().create(
                {
                    "event_id": event.id,
                    "event_ticket_id": tickets[:1].id,
                    "partner_id": contact.id,
                    "name": contact.name,
                    "email": contact.email,
                    "phone": contact.phone,
                }
            )
            request.env.flush_all()
        except ValidationError:
            # the last seat went to someone else meanwhile: nothing is kept
            request.env.cr.rollback()
            return request.redirect(f"{EVENTS_URL}?error={event_rules.FULL}")
        return request.redirect(f"{EVENTS_URL}?message=registered")
