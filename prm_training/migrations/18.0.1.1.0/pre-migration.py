# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Training programs name their partner types with the program's own
``prm.partner.type`` now (the training copy of that model is gone): keep the
codes each program targeted, before the old table is dropped."""

from odoo.tools import SQL, sql

#: Codes of the partner types per program, for the post-migration.
KEEP = "prm_training_program_type_code_mig"


def migrate(cr, version):
    rel = "prm_training_partner_type_prm_training_program_rel"
    if not version or not sql.table_exists(cr, rel):
        return
    cr.execute(
        SQL(
            """
            CREATE TABLE %s AS
            SELECT r.prm_training_program_id AS program_id, t.code
              FROM %s r
              JOIN prm_training_partner_type t
                ON t.id = r.prm_training_partner_type_id
            """,
            SQL.identifier(KEEP),
            SQL.identifier(rel),
        )
    )
