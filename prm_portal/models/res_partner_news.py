# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

from ..logic import audience, registration

#: The digest goes out once a day at most; a contact is due again after this.
DIGEST_INTERVAL = timedelta(hours=20)
#: How far back the first digest of a contact without a date looks.
DIGEST_FIRST_LOOKBACK = timedelta(days=7)

# One class per concern on purpose: the news digest of a contact.
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_news_digest = fields.Boolean(
        string="Partner News Digest",
        help="The contact receives the new partner announcements by e-mail.",
    )
    prm_news_digest_date = fields.Datetime(
        string="Last News Digest", copy=False, readonly=True
    )

    @api.model
    def _prm_news_digest_domain(self, now):
        return [
            ("prm_news_digest", "=", True),
            ("email", "!=", False),
            "|",
            ("prm_news_digest_date", "=", False),
            ("prm_news_digest_date", "<", now - DIGEST_INTERVAL),
        ]

    @api.model
    def _prm_cron_news_digest(self, batch_size=200):
        """Send the digest to the contacts due, by chunks (setting
        ``prm_portal.news_digest.chunk_size``): a contact sent its digest is
        stamped with the run's start and leaves the domain."""
        return self.env["prm.batch.runner"]._prm_batch_run(
            "prm_portal.news_digest",
            self.sudo(),
            self._prm_news_digest_domain,
            lambda contacts, started: contacts._prm_send_news_digest(started),
            default_chunk_size=batch_size,
        )

    def _prm_news_digest_items(self, now):
        """{contact id: announcements new for it since its last digest, in
        its audience and not read yet}; a fixed number of queries for the
        whole batch."""
        partners = self.commercial_partner_id
        since = {
            contact.id: contact.prm_news_digest_date or now - DIGEST_FIRST_LOOKBACK
            for contact in self
        }
        Announcement = self.env["prm.announcement"].sudo()
        announcements = Announcement.search(
            Announcement._prm_live_domain(now)
            + [("date_publish", ">", min(since.values(), default=now))]
        )
        if not announcements:
            return {}
        rules = {a.id: a._prm_audience() for a in announcements}
        profiles = {p.id: Announcement._prm_audience_profile(p) for p in partners}
        read = {
            (ack.partner_id.id, ack.announcement_id.id)
            for ack in self.env["prm.announcement.ack"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("announcement_id", "in", announcements.ids),
                    ("date_read", "!=", False),
                ]
            )
        }
        items = {}
        for contact in self:
            partner = contact.commercial_partner_id
            if not registration.is_portal_partner(
                partner.prm_is_partner, partner.prm_stage
            ):
                continue
            found = announcements.filtered(
                lambda a, c=contact, p=partner: a.date_publish > since[c.id]
                and (c.id, a.id) not in read
                and (not a.company_id or a.company_id == (p.company_id or a.company_id))
                and audience.reaches(rules[a.id], profiles[p.id])
            )
            if found:
                items[contact.id] = found.ids
        return items

    def _prm_send_news_digest(self, now):
        items = self._prm_news_digest_items(now)
        if items:
            template = self.env.ref("prm_portal.mail_template_prm_news_digest")
            all_ids = sorted({i for ids in items.values() for i in ids})
            template.with_context(
                prm_news_digest=items, prm_news_digest_ids=all_ids
            ).send_mail_batch(
                list(items), email_layout_xmlid="mail.mail_notification_light"
            )
        self.write({"prm_news_digest_date": now})
