# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Give every training program back the partner types it targeted, as
``prm.partner.type`` records matched by code, and drop the old tables."""

from odoo.tools import SQL, sql

KEEP = "prm_training_program_type_code_mig"


def migrate(cr, version):
    if not version or not sql.table_exists(cr, KEEP):
        return
    cr.execute(
        SQL(
            """
            INSERT INTO prm_partner_type_prm_training_program_rel
                   (prm_training_program_id, prm_partner_type_id)
            SELECT DISTINCT k.program_id, t.id
              FROM %s k
              JOIN prm_partner_type t ON t.code = k.code
              JOIN prm_training_program p ON p.id = k.program_id
            ON CONFLICT DO NOTHING
            """,
            SQL.identifier(KEEP),
        )
    )
    # Odoo forgets the removed model but leaves its tables behind
    for table in (
        KEEP,
        "prm_training_partner_type_prm_training_program_rel",
        "prm_training_partner_type",
    ):
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))
