# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PrmDocumentDownload(models.Model):
    _name = "prm.document.download"
    _description = "Partner Library Downloads"
    _order = "last_download desc, id desc"

    document_id = fields.Many2one(
        "prm.document", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    count = fields.Integer(default=0, aggregator="sum")
    last_download = fields.Datetime()

    _sql_constraints = [
        (
            "document_partner_uniq",
            "unique(document_id, partner_id)",
            "One download counter per document and partner.",
        ),
    ]

    @api.model
    def _prm_count(self, document, partner):
        """Count one download of ``document`` by ``partner`` (atomic upsert,
        safe under concurrent downloads)."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO prm_document_download
                (document_id, partner_id, count, last_download,
                 create_uid, create_date, write_uid, write_date)
            VALUES (%(doc)s, %(partner)s, 1, now() at time zone 'UTC',
                    %(uid)s, now() at time zone 'UTC',
                    %(uid)s, now() at time zone 'UTC')
            ON CONFLICT (document_id, partner_id) DO UPDATE
               SET count = prm_document_download.count + 1,
                   last_download = EXCLUDED.last_download,
                   write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
            """,
            {"doc": document.id, "partner": partner.id, "uid": self.env.uid},
        )
        self.invalidate_model(["count", "last_download"])
        document.invalidate_recordset(["download_count"])
