# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner news: the announcements of the partner's audience, read and
acknowledged per contact, and the contact's choice of an e-mail digest."""

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from .common import PrmPortalSection

NEWS_URL = "/my/news"
#: The dashboard's news card shows this many announcements.
FEED_SIZE = 4


class PrmNewsPortal(PrmPortalSection):
    def _prm_news_domain(self):
        """Live announcements of the user's partner; nothing for the users
        who may not read them."""
        Announcement = request.env["prm.announcement"]
        if not self._prm_is_partner() or not Announcement.has_access("read"):
            return None
        return Announcement._prm_audience_domain(self._prm_partner())

    def _prm_news_read(self, announcements):
        """{announcement id: its reading by the user's contact}."""
        acks = (
            request.env["prm.announcement.ack"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("announcement_id", "in", announcements.ids),
                ]
            )
        )
        return {ack.announcement_id.id: ack for ack in acks}

    def _prm_news_unread_count(self):
        domain = self._prm_news_domain()
        if domain is None:
            return 0
        announcements = request.env["prm.announcement"].search(domain)
        read = self._prm_news_read(announcements)
        return sum(1 for a in announcements if not read.get(a.id, False))

    def _prm_news_feed(self):
        """The latest announcements for the dashboard card, read or not."""
        domain = self._prm_news_domain()
        if domain is None:
            return []
        announcements = request.env["prm.announcement"].search(domain, limit=FEED_SIZE)
        read = self._prm_news_read(announcements)
        return [
            {
                "announcement": a.sudo(),
                "unread": a.id not in read,
                "to_ack": a.sudo().require_ack
                and not (a.id in read and read[a.id].date_acknowledged),
            }
            for a in announcements
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_news_unread_count" in counters:
            values["prm_news_unread_count"] = self._prm_news_unread_count()
        return values

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # called by the dashboard template only
        values["prm_news_feed"] = self._prm_news_feed
        return values

    def _prm_news_announcement(self, announcement_id):
        """The announcement (as superuser) when it is live and for the
        user's partner; 404 otherwise, existing or not."""
        domain = self._prm_news_domain()
        if domain is None:
            raise NotFound()
        announcement = request.env["prm.announcement"].search(
            [("id", "=", announcement_id)] + domain, limit=1
        )
        if not announcement:
            raise NotFound()
        return announcement.sudo()

    @http.route(
        [NEWS_URL, f"{NEWS_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_news(self, page=1, **kw):
        domain = self._prm_news_domain()
        if domain is None:
            raise NotFound()
        Announcement = request.env["prm.announcement"]
        pager = self._prm_pager(NEWS_URL, Announcement.search_count(domain), page)
        announcements = Announcement.search(
            domain, limit=self._prm_items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_news",
                "announcements": announcements.sudo(),
                "readings": self._prm_news_read(announcements),
                "pager": pager,
                "contact": request.env.user.partner_id.sudo(),
                "digest_saved": kw.get("digest") in ("on", "off"),
            }
        )
        return request.render("prm_portal.portal_my_news", values)

    @http.route(
        [f"{NEWS_URL}/<int:announcement_id>"], type="http", auth="user", website=True
    )
    def prm_portal_news_page(self, announcement_id, **kw):
        announcement = self._prm_news_announcement(announcement_id)
        contact = request.env.user.partner_id
        Ack = request.env["prm.announcement.ack"].sudo()
        Ack._prm_mark(announcement, contact)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_news",
                "announcement": announcement,
                "reading": self._prm_news_read(announcement).get(announcement.id),
            }
        )
        return request.render("prm_portal.portal_news_page", values)

    @http.route(
        [f"{NEWS_URL}/<int:announcement_id>/acknowledge"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_news_acknowledge(self, announcement_id, **kw):
        """The user's own contact acknowledges; acknowledging again changes
        nothing (the first date stays)."""
        announcement = self._prm_news_announcement(announcement_id)
        if not announcement.require_ack:
            raise NotFound()
        request.env["prm.announcement.ack"].sudo()._prm_mark(
            announcement, request.env.user.partner_id, acknowledge=True
        )
        return request.redirect(f"{NEWS_URL}/{announcement.id}")

    @http.route(
        [f"{NEWS_URL}/digest"], type="http", auth="user", website=True, methods=["POST"]
    )
    def prm_portal_news_digest(self, digest=None, **kw):
        """The contact's own choice of the e-mail digest; new subscribers
        get the news from now on, not the old ones."""
        if self._prm_news_domain() is None:
            raise NotFound()
        contact = request.env.user.partner_id.sudo()
        wanted = digest == "on"
        if wanted != contact.prm_news_digest:
            contact.write(
                {
                    "prm_news_digest": wanted,
                    "prm_news_digest_date": fields.Datetime.now()
                    if wanted
                    else contact.prm_news_digest_date,
                }
            )
        return request.redirect(f"{NEWS_URL}?digest={'on' if wanted else 'off'}")
