# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""helpdesk_mgmt's own ticket routes, for channel partners."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController

from ..logic import registration


class PrmHelpdeskTicketController(HelpdeskTicketController):
    def _prm_is_partner(self):
        partner = request.env.user.sudo().commercial_partner_id
        return registration.is_portal_partner(partner.prm_is_partner, partner.prm_stage)

    @http.route()
    def create_new_ticket(self, **kw):
        """Channel partners open their tickets on the partner form (team and
        response time of their tier, articles that may answer, the limits of
        what they may send)."""
        if self._prm_is_partner():
            return request.redirect("/my/support/new")
        return super().create_new_ticket(**kw)

    @http.route()
    def submit_ticket(self, **kw):
        if self._prm_is_partner():
            return request.redirect("/my/support/new")
        return super().submit_ticket(**kw)

    @http.route(website=True)
    def support_ticket_close(self, **kw):
        """helpdesk_mgmt closes the ticket it is given as superuser: only a
        ticket the user may read is closed here."""
        ticket_id = kw.get("ticket_id")
        if not str(ticket_id or "").isdigit():
            raise NotFound()
        ticket = request.env["helpdesk.ticket"].browse(int(ticket_id))
        try:
            ticket.check_access("read")
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        return super().support_ticket_close(**kw)
