# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner support on helpdesk_mgmt's tickets: a ticket form that first
proposes library articles that may answer it, and return requests on the
orders the partner bought. The tickets themselves are followed on
helpdesk_mgmt's own /my/tickets pages."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.osv import expression
from odoo.tools import plaintext2html

from ..logic import support, uploads, validation
from ..logic.validation import FieldSpec
from .common import PrmPortalSection

SUPPORT_URL = "/my/support"
CATEGORY_XMLIDS = {
    "technical": "prm_portal.helpdesk_ticket_category_technical",
    "question": "prm_portal.helpdesk_ticket_category_question",
}


class PrmSupportPortal(PrmPortalSection):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _prm_support_partner(self):
        return self._prm_require_partner(NotFound)

    def _prm_support_choices(self, partner):
        """What a ticket may concern: the partner's registrations, confirmed
        orders and the products of those orders (superuser records, already
        restricted to the partner)."""
        env = request.env
        registrations = (
            env["prm.deal.registration"]
            .sudo()
            .search([("partner_id", "=", partner.id)], limit=100, order="id desc")
        )
        orders = self._prm_partner_orders(partner, limit=100)
        return {
            "registrations": registrations,
            "orders": orders,
            "products": orders.order_line.product_id[:200],
        }

    def _prm_partner_orders(self, partner, limit=None):
        return (
            request.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("state", "=", "sale"),
                ],
                limit=limit,
                order="date_order desc, id desc",
            )
        )

    def _prm_read_photos(self, field, errors):
        """Raw values of the accepted uploads of ``field``; the refused ones
        are named in ``errors[field]``."""
        env = request.env
        messages = {
            "empty": env._("%(name)s is empty."),
            "too_big": env._("%(name)s is larger than %(size)s MB."),
            "type": env._("%(name)s is not a PDF, PNG or JPEG file."),
        }
        problems, files = [], []
        for upload in request.httprequest.files.getlist(field):
            if not upload.filename:
                continue
            content = upload.read(uploads.MAX_SIZE + 1)
            code = uploads.check_file(upload.filename, content)
            if code:
                problems.append(
                    messages[code]
                    % {"name": upload.filename, "size": uploads.MAX_SIZE // 2**20}
                )
                continue
            files.append((upload.filename[:200], content))
        if len(files) > uploads.MAX_FILES:
            problems.append(
                env._("Please send at most %(count)s files.", count=uploads.MAX_FILES)
            )
        if problems:
            errors[field] = " ".join(problems)
        return files

    def _prm_attach(self, ticket, files):
        request.env["ir.attachment"].sudo().create(
            [
                {
                    "name": name,
                    "raw": content,
                    "mimetype": uploads.mimetype(name),
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                }
                for name, content in files
            ]
        )

    def _prm_pick(self, records, value):
        """The record of ``records`` whose id is ``value`` (a posted string);
        empty when none is."""
        if value and str(value).isdigit():
            return records.filtered(lambda r: r.id == int(value))
        return records[:0]

    def _prm_create_ticket(self, vals, files):
        """A ticket of the user (helpdesk_mgmt's portal channel, the
        user as follower) with its files."""
        env = request.env
        user = env.user
        vals.update(
            {
                "partner_id": user.partner_id.id,
                "partner_name": user.partner_id.name,
                "partner_email": user.partner_id.email,
                "channel_id": env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_web", False
                ).id,
                "company_id": env.company.id,
            }
        )
        ticket = env["helpdesk.ticket"].sudo().create(vals)
        ticket.message_subscribe(partner_ids=user.partner_id.ids)
        self._prm_attach(ticket, files)
        return ticket

    # ------------------------------------------------------------------
    # Knowledge base
    # ------------------------------------------------------------------
    def _prm_suggest_articles(self, partner, text, limit=5):
        """Library documents and documentation courses the partner may read
        whose words match ``text``, best first: list of dicts (name,
        description, url)."""
        env = request.env
        words = support.keywords(text)
        if not words:
            return []
        Document = env["prm.document"]
        word_domain = expression.OR(
            [[("name", "ilike", w)] for w in words]
            + [[("description", "ilike", w)] for w in words]
        )
        documents = Document.search(
            expression.AND([Document._prm_audience_domain(partner), word_domain]),
            limit=50,
        )
        Channel = env["slide.channel"]
        channels = Channel.search(
            expression.AND(
                [
                    [("channel_type", "=", "documentation")],
                    [("is_published", "=", True)],
                    expression.OR(
                        [[("name", "ilike", w)] for w in words]
                        + [[("description_short", "ilike", w)] for w in words]
                    ),
                ]
            ),
            limit=50,
        )
        articles, by_key = [], {}
        for document in documents.sudo():
            key = ("d", document.id)
            articles.append((key, document.name, document.description or ""))
            by_key[key] = {
                "name": document.name,
                "description": document.description or "",
                "url": f"/my/library/{document.id}/download",
                "kind": env._("Document"),
            }
        for channel in channels.sudo():
            key = ("c", channel.id)
            articles.append((key, channel.name, channel.description_short or ""))
            by_key[key] = {
                "name": channel.name,
                "description": channel.description_short or "",
                "url": channel.website_url,
                "kind": env._("Course"),
            }
        return [by_key[k] for k in support.rank_articles(words, articles, limit)]

    @http.route(
        [f"{SUPPORT_URL}/articles"],
        type="json",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_support_articles(self, query="", **kw):
        """Articles that may answer ``query`` (for a ticket form in a page
        of one's own); the same list the form shows after its first step."""
        partner = self._prm_support_partner()
        return self._prm_suggest_articles(
            partner, str(query)[: support.MAX_SUBJECT * 5]
        )

    # ------------------------------------------------------------------
    # New ticket
    # ------------------------------------------------------------------
    @http.route(
        [f"{SUPPORT_URL}/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def prm_portal_support_new(self, **form):
        partner = self._prm_support_partner()
        env = request.env
        choices = self._prm_support_choices(partner)
        categories = {
            key: env.ref(xmlid, raise_if_not_found=False)
            for key, xmlid in CATEGORY_XMLIDS.items()
        }
        errors, suggestions = {}, None
        if request.httprequest.method == "POST":
            V = validation
            cleaned, field_errors = V.validate(
                form,
                [
                    FieldSpec(
                        "category",
                        V.SELECTION,
                        required=True,
                        choices=tuple(categories),
                    ),
                    FieldSpec(
                        "subject", V.CHAR, required=True, max_length=support.MAX_SUBJECT
                    ),
                    FieldSpec(
                        "description",
                        V.TEXT,
                        required=True,
                        max_length=support.MAX_DESCRIPTION,
                    ),
                ],
            )
            errors.update(self._prm_translate_errors(field_errors))
            links = {}
            for name, records, field in (
                ("registration", choices["registrations"], "prm_deal_registration_id"),
                ("order", choices["orders"], "prm_sale_order_id"),
                ("product", choices["products"], "prm_product_id"),
            ):
                record = self._prm_pick(records, form.get(name))
                if form.get(name) and not record:
                    errors[name] = env._("Please choose one of the proposed values.")
                links[field] = record.id or False
            files = self._prm_read_photos("attachment", errors)
            if not errors and form.get("confirm") != "1":
                # first step: articles that may answer before the ticket
                suggestions = self._prm_suggest_articles(
                    partner, f"{cleaned['subject']} {cleaned['description']}"
                )
            elif not errors:
                vals = dict(
                    links,
                    name=cleaned["subject"],
                    description=plaintext2html(cleaned["description"]),
                    category_id=categories[cleaned["category"]].id,
                )
                try:
                    with env.cr.savepoint():
                        ticket = self._prm_create_ticket(vals, files)
                        ticket.env.flush_all()
                except (UserError, ValidationError) as exc:
                    errors["description"] = exc.args[0]
                else:
                    return request.redirect(f"/my/ticket/{ticket.id}")
        values = self._prepare_portal_layout_values()
        values.update(choices)
        values.update(
            {
                "page_name": "prm_support",
                "form": form,
                "errors": errors,
                "categories": categories,
                "suggestions": suggestions,
                "response_hours": partner.prm_tier_id.prm_support_response_hours,
                "file_terms": env._(
                    "Photos or documents: PDF, PNG or JPEG files of at most "
                    "%(size)s MB each.",
                    size=uploads.MAX_SIZE // 2**20,
                ),
            }
        )
        return request.render("prm_portal.portal_support_new", values)
