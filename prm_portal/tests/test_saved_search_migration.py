# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Saved searches and export lists that name the audience fields as they
were before 18.0.1.4.0 name the prefixed ones after the update to 18.0.1.5.0,
and open."""

import ast

from odoo.tests import TransactionCase, tagged

from .common import load_migration


@tagged("post_install", "-at_install")
class TestSavedSearchMigration(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mig = load_migration("18.0.1.5.0", "post")
        cls.user = cls.env["res.users"].create(
            {
                "name": "PRM Filter Owner",
                "login": "prm_filter_owner",
                "groups_id": [(6, 0, [cls.env.ref("event.group_event_user").id])],
            }
        )

    def _saved(self, model, domain, context="{}", sort="[]"):
        # as an earlier version left them: written in SQL, as no longer valid
        cr = self.env.cr
        cr.execute(
            """INSERT INTO ir_filters (name, user_id, model_id, domain, context,
                                       sort, active)
               VALUES (%s, %s, %s, %s, %s, %s, true) RETURNING id""",
            ["PRM old favorite", self.user.id, model, domain, context, sort],
        )
        return self.env["ir.filters"].browse(cr.fetchone()[0])

    def test_favorites_and_exports_name_the_new_fields(self):
        event_filter = self._saved(
            "event.event",
            "[('audience', '=', 'partners'), ('tier_ids.name', 'ilike', 'Gold')]",
            "{'group_by': ['partner_stage']}",
            '["partner_type desc"]',
        )
        forum_filter = self._saved("forum.forum", "[('partner_ids', '!=', False)]")
        # Odoo's own field of the same name elsewhere is not ours to rename
        other = self._saved("res.partner", "[('partner_type', '=', 'x')]")
        export = self.env["ir.exports"].create(
            {
                "name": "PRM old export",
                "resource": "prm.document",
                "export_fields": [
                    (0, 0, {"name": "name"}),
                    (0, 0, {"name": "tier_ids/name"}),
                    (0, 0, {"name": "audience"}),
                ],
            }
        )
        self.mig.migrate(self.env.cr, "18.0.1.4.0")
        self.env.invalidate_all()
        self.assertEqual(
            ast.literal_eval(event_filter.domain),
            [("prm_audience", "=", "partners"), ("prm_tier_ids.name", "ilike", "Gold")],
        )
        self.assertEqual(
            ast.literal_eval(event_filter.context), {"group_by": ["prm_partner_stage"]}
        )
        self.assertEqual(event_filter.sort, '["prm_partner_type desc"]')
        self.assertEqual(
            ast.literal_eval(forum_filter.domain), [("prm_partner_ids", "!=", False)]
        )
        self.assertEqual(other.domain, "[('partner_type', '=', 'x')]")
        self.assertEqual(
            export.export_fields.mapped("name"),
            ["name", "prm_tier_ids/name", "prm_audience"],
        )
        # the favorite opens for its owner: its domain and grouping are valid
        Event = self.env["event.event"].with_user(self.user)
        Event.search(ast.literal_eval(event_filter.domain))
        Event.read_group(
            ast.literal_eval(event_filter.domain),
            ["prm_partner_stage"],
            ["prm_partner_stage"],
        )
        # and running it again changes nothing
        before = (event_filter.domain, event_filter.context, event_filter.sort)
        self.mig.migrate(self.env.cr, "18.0.1.5.0")
        self.env.invalidate_all()
        self.assertEqual(
            (event_filter.domain, event_filter.context, event_filter.sort), before
        )
