# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The audience fields took the prefix of the fields added to Odoo's models
(events and forums share them with the library, news and segments): their
columns, the relation tables of events and forums to partners and the field
records (with their XML ids and selection values) are renamed before the
module loads, so that every audience is kept and Odoo drops nothing.

Each step runs only where the old name is there and the new one is not: the
script may run again, and on databases of any earlier version."""

import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists, rename_column, table_exists

_logger = logging.getLogger(__name__)

#: field renames
FIELDS = {
    "audience": "prm_audience",
    "tier_ids": "prm_tier_ids",
    "partner_type": "prm_partner_type",
    "territory_ids": "prm_territory_ids",
    "partner_ids": "prm_partner_ids",
    "partner_stage": "prm_partner_stage",
}
#: the stored columns among them (the others are Many2many)
COLUMNS = ("audience", "partner_type", "partner_stage")
#: models of the audience fields and their table (the mixin has none)
MODELS = {
    "prm.audience.mixin": None,
    "event.event": "event_event",
    "forum.forum": "forum_forum",
    "prm.document": "prm_document",
    "prm.announcement": "prm_announcement",
    "prm.mailing.segment": "prm_mailing_segment",
}
#: relation tables named after the tables only, renamed (their columns keep
#: their names); those of the library, news and segments keep theirs
RELATIONS = {
    "event_event_res_partner_rel": "event_event_prm_partner_rel",
    "forum_forum_res_partner_rel": "forum_forum_prm_partner_rel",
}
MODULE = "prm_portal"


def _rename_columns(cr, renames):
    for table in filter(None, MODELS.values()):
        for old, new in renames.items():
            if column_exists(cr, table, old) and not column_exists(cr, table, new):
                rename_column(cr, table, old, new)
                _logger.info("%s: column %s renamed %s", table, old, new)


def _rename_relation(cr, old, new):
    """Table ``old`` becomes ``new``, with its index and constraints (and
    Odoo's records of them) named as Odoo names those of a new table."""
    if not table_exists(cr, old) or table_exists(cr, new):
        return
    cr.execute(
        SQL("ALTER TABLE %s RENAME TO %s", SQL.identifier(old), SQL.identifier(new))
    )
    cr.execute(
        """
        SELECT conname FROM pg_constraint
         WHERE conrelid = %s::regclass AND left(conname, length(%s)) = %s
        """,
        [new, old, old],
    )
    for (name,) in cr.fetchall():
        renamed = new + name[len(old) :]
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                SQL.identifier(new),
                SQL.identifier(name),
                SQL.identifier(renamed),
            )
        )
        cr.execute(
            "UPDATE ir_model_constraint SET name = %s WHERE name = %s",
            [renamed, name],
        )
    # the primary key's index was renamed with its constraint
    cr.execute(
        """
        SELECT indexname FROM pg_indexes
         WHERE tablename = %s AND left(indexname, length(%s)) = %s
        """,
        [new, old, old],
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER INDEX %s RENAME TO %s",
                SQL.identifier(name),
                SQL.identifier(new + name[len(old) :]),
            )
        )
    cr.execute("UPDATE ir_model_relation SET name = %s WHERE name = %s", [new, old])
    cr.execute(
        "UPDATE ir_model_fields SET relation_table = %s WHERE relation_table = %s",
        [new, old],
    )
    _logger.info("relation table %s renamed %s", old, new)


def _rename_field_records(cr, renames):
    """The ``ir.model.fields`` records of this module and their XML ids: a
    field record left under the old name would be deleted at the end of the
    update, with the field's tracking values."""
    for model in MODELS:
        xmodel = model.replace(".", "_")
        for old, new in renames.items():
            cr.execute(
                """
                UPDATE ir_model_fields f SET name = %(new)s
                 WHERE f.model = %(model)s AND f.name = %(old)s
                   AND NOT EXISTS (
                        SELECT FROM ir_model_fields n
                         WHERE n.model = %(model)s AND n.name = %(new)s)
                   -- a field of this module only, not one of Odoo's
                   AND NOT EXISTS (
                        SELECT FROM ir_model_data d
                         WHERE d.model = 'ir.model.fields' AND d.res_id = f.id
                           AND d.module != %(module)s)
                """,
                {"model": model, "old": old, "new": new, "module": MODULE},
            )
            if not cr.rowcount:
                continue
            cr.execute(
                """
                UPDATE ir_model_data SET name = %s
                 WHERE module = %s AND model = 'ir.model.fields' AND name = %s
                """,
                [f"field_{xmodel}__{new}", MODULE, f"field_{xmodel}__{old}"],
            )
            old_prefix = f"selection__{xmodel}__{old}__"
            cr.execute(
                """
                UPDATE ir_model_data
                   SET name = %s || substr(name, length(%s) + 1)
                 WHERE module = %s AND model = 'ir.model.fields.selection'
                   AND left(name, length(%s)) = %s
                """,
                [
                    f"selection__{xmodel}__{new}__",
                    old_prefix,
                    MODULE,
                    old_prefix,
                    old_prefix,
                ],
            )


def migrate(cr, version):
    if not version:
        return
    _rename_columns(cr, {old: FIELDS[old] for old in COLUMNS})
    for old, new in RELATIONS.items():
        _rename_relation(cr, old, new)
    _rename_field_records(cr, FIELDS)
