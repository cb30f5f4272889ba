# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.http import request

from ..controllers.leads import channel_leads_path


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        """The /my/leads addresses of the routed leads before they had their
        own lead to it, when no route answers them: with Odoo's
        website_crm_partner_assign installed, /my/leads is its page."""
        response = super()._serve_fallback()
        if response:
            return response
        path = channel_leads_path(request.httprequest.path)
        if not path:
            return None
        # temporary (307): the answer changes when website_crm_partner_assign
        # gets installed; a form posted to an old address is posted again
        return request.redirect_query(
            request.env["ir.http"]._url_for(path),
            request.httprequest.args,
            code=307,
        )
