# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The partner library: documents of the partner's audience, by category,
and their counted downloads."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request
from odoo.osv import expression

from .common import PrmPortalSection


class PrmLibraryPortal(PrmPortalSection):
    def _prm_library_partner(self):
        """Commercial partner of the user; 404 unless it is an onboarding or
        active channel partner (suspended and terminated partners lose the
        library)."""
        return self._prm_require_partner(NotFound)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_document_count" in counters:
            model = request.env["prm.document"]
            values["prm_document_count"] = (
                model.search_count([])
                if self._prm_is_partner() and model.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/library"], type="http", auth="user", website=True)
    def prm_portal_library(self, category=None, search=None, **kw):
        partner = self._prm_library_partner()
        Document = request.env["prm.document"]
        Category = request.env["prm.document.category"]
        domain = Document._prm_audience_domain(partner)
        categories = Category.search([])
        current = Category
        if category and str(category).isdigit():
            current = categories.filtered(lambda c: c.id == int(category))
            domain = expression.AND([domain, [("category_id", "=", current.id)]])
        if search:
            domain = expression.AND(
                [
                    domain,
                    expression.OR(
                        [
                            [("name", "ilike", search)],
                            [("description", "ilike", search)],
                        ]
                    ),
                ]
            )
        documents = Document.search(domain, limit=500)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_library",
                "categories": categories,
                "current_category": current,
                "documents": documents.sudo(),
                "search": search,
                "lang_names": dict(request.env["res.lang"].get_installed()),
            }
        )
        return request.render("prm_portal.portal_my_library", values)

    @http.route(
        ["/my/library/<int:document_id>/download"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_library_download(self, document_id, **kw):
        """Serve a document to a partner of its audience and count the
        download; 404 for everybody else, existing or not."""
        partner = self._prm_library_partner()
        document = request.env["prm.document"].browse(document_id)
        if (
            not document.sudo().exists()
            or not document.has_access("read")
            or not document._prm_is_visible_to(partner)
        ):
            raise NotFound()
        document_sudo = document.sudo()
        request.env["prm.document.download"].sudo()._prm_count(document_sudo, partner)
        if document_sudo.kind == "url":
            return request.redirect(document_sudo.url, local=False)
        if not document_sudo.datas:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(
            document_sudo,
            "datas",
            filename=document_sudo.filename or document_sudo.name,
        )
        return stream.get_response(as_attachment=True)
