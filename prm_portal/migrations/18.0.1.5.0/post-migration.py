# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two changes of 18.0.1.5.0:

- Users' saved searches (favorites) and export lists of the models of the
  audience fields name the fields as they were before 18.0.1.4.0: a favorite
  that filters or groups on ``audience`` would fail to open. They now name
  the prefixed fields. A saved search that names none of them is left as it
  is, so the script may run again.
- The distinctive name leaves out a legal form written with one typo
  ("Cônng ty TNHH"): every stored key is refreshed in the background, by
  chunks, and the trigram indexes of the names rebuilt at the end."""

import logging

from odoo import SUPERUSER_ID, api

from odoo.addons.prm_portal.logic import field_renames

_logger = logging.getLogger(__name__)


def _rename_filters(cr, renames, models):
    cr.execute(
        "SELECT id, domain, context, sort FROM ir_filters WHERE model_id IN %s",
        [tuple(models)],
    )
    changed = 0
    for filter_id, domain, context, sort in cr.fetchall():
        new = (
            field_renames.rename_in_expression(domain, renames),
            field_renames.rename_in_expression(context, renames),
            field_renames.rename_in_sort(sort, renames),
        )
        if new != (domain, context, sort):
            cr.execute(
                "UPDATE ir_filters SET domain = %s, context = %s, sort = %s "
                "WHERE id = %s",
                [*new, filter_id],
            )
            changed += 1
    return changed


def _rename_export_lines(cr, renames, models):
    cr.execute(
        """SELECT l.id, l.name FROM ir_exports_line l
             JOIN ir_exports e ON e.id = l.export_id
            WHERE e.resource IN %s""",
        [tuple(models)],
    )
    changed = 0
    for line_id, name in cr.fetchall():
        new = field_renames.rename_path(name, renames)
        if new != name:
            cr.execute(
                "UPDATE ir_exports_line SET name = %s WHERE id = %s", [new, line_id]
            )
            changed += 1
    return changed


def migrate(cr, version):
    if not version:
        return
    renames, models = field_renames.AUDIENCE_FIELDS, field_renames.AUDIENCE_MODELS
    filters = _rename_filters(cr, renames, models)
    lines = _rename_export_lines(cr, renames, models)
    _logger.info(
        "audience fields renamed in %s saved searches and %s export lines",
        filters,
        lines,
    )
    api.Environment(cr, SUPERUSER_ID, {})["prm.conflict.term"]._prm_terms_changed()
