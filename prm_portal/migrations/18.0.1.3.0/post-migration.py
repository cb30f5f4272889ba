# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner events and forums took the audience rules of the library: their
tiers (same relation table) and partner types (one relation table each, left
in place) become an audience."""

import logging

from odoo import SUPERUSER_ID, api, fields
from odoo.tools.sql import table_exists

from odoo.addons.prm_portal.logic import audience

_logger = logging.getLogger(__name__)


def _old_rules(cr, table):
    """{record id: (tier ids, partner type codes)} of the first versions."""
    rules = {}
    if table_exists(cr, f"{table}_prm_tier_rel"):
        cr.execute(
            f"SELECT {table}_id, array_agg(prm_tier_id) "  # noqa: S608
            f"FROM {table}_prm_tier_rel GROUP BY 1"
        )
        for record_id, tiers in cr.fetchall():
            rules[record_id] = (tiers, [])
    if table_exists(cr, f"{table}_prm_partner_type_rel"):
        cr.execute(
            f"SELECT r.{table}_id, array_agg(t.code) "  # noqa: S608
            f"FROM {table}_prm_partner_type_rel r "
            "JOIN prm_partner_type t ON t.id = r.prm_partner_type_id GROUP BY 1"
        )
        for record_id, codes in cr.fetchall():
            rules[record_id] = (rules.get(record_id, ([], []))[0], codes)
    return rules


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    for model, table in (
        ("event.event", "event_event"),
        ("forum.forum", "forum_forum"),
    ):
        rules = _old_rules(cr, table)
        records = (
            env[model]
            .with_context(active_test=False)
            .search([("id", "in", list(rules)), ("prm_partners_only", "=", True)])
        )
        for record in records:
            tiers, codes = rules[record.id]
            kind, tier_ids, partner_type = audience.from_tiers_and_types(tiers, codes)
            values = {
                "prm_audience": kind,
                "prm_tier_ids": [fields.Command.set(list(tier_ids))],
                "prm_partner_type": partner_type,
            }
            if kind == audience.PARTNERS:
                domain = [
                    ("prm_is_partner", "=", True),
                    ("prm_partner_type", "in", codes),
                ]
                if tier_ids:
                    domain.append(("prm_tier_id", "in", list(tier_ids)))
                partners = (
                    env["res.partner"].with_context(active_test=False).search(domain)
                )
                values["prm_partner_ids"] = [fields.Command.set(partners.ids)]
                _logger.info(
                    "%s %s: several partner types, its audience is now the "
                    "%s partners of those types",
                    model,
                    record.id,
                    len(partners),
                )
            record.write(values)
