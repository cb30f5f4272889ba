# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PrmAnnouncementAck(models.Model):
    """Who read an announcement and who acknowledged it, one row per
    announcement and contact."""

    _name = "prm.announcement.ack"
    _description = "Announcement Reading"
    _order = "date_acknowledged desc, date_read desc, id desc"
    _rec_name = "partner_id"

    announcement_id = fields.Many2one(
        "prm.announcement", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade"
    )
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Partner",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="announcement_id.company_id", store=True)
    date_read = fields.Datetime(string="Read On")
    date_acknowledged = fields.Datetime(string="Acknowledged On")

    _sql_constraints = [
        (
            "announcement_partner_uniq",
            "unique(announcement_id, partner_id)",
            "One reading per announcement and contact.",
        ),
    ]

    @api.model
    def _prm_mark(self, announcement, contact, acknowledge=False):
        """Record that ``contact`` read ``announcement`` (and acknowledged
        it): an atomic upsert that keeps the first dates, so reading twice
        or two tabs at once change nothing."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO prm_announcement_ack
                (announcement_id, partner_id, commercial_partner_id, company_id,
                 date_read, date_acknowledged,
                 create_uid, create_date, write_uid, write_date)
            VALUES (%(announcement)s, %(contact)s, %(commercial)s, %(company)s,
                    now() at time zone 'UTC',
                    CASE WHEN %(ack)s THEN now() at time zone 'UTC' END,
                    %(uid)s, now() at time zone 'UTC',
                    %(uid)s, now() at time zone 'UTC')
            ON CONFLICT (announcement_id, partner_id) DO UPDATE
               SET date_read = COALESCE(prm_announcement_ack.date_read,
                                        EXCLUDED.date_read),
                   date_acknowledged = COALESCE(
                       prm_announcement_ack.date_acknowledged,
                       EXCLUDED.date_acknowledged),
                   write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
            """,
            {
                "announcement": announcement.id,
                "contact": contact.id,
                "commercial": contact.commercial_partner_id.id,
                "company": announcement.company_id.id or None,
                "ack": bool(acknowledge),
                "uid": self.env.uid,
            },
        )
        self.invalidate_model()
        announcement.invalidate_recordset(["ack_ids", "read_count", "ack_count"])
