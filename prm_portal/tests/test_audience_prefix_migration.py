# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The audience fields of the versions before 18.0.1.4.0 (unprefixed) keep
their data on update: the database is put back as those versions left it
(columns, relation tables, field records), then migrated."""

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import PrmPortalCommon, load_migration


@tagged("post_install", "-at_install")
class TestAudiencePrefixMigration(PrmPortalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mig = load_migration("18.0.1.4.0", "pre")
        cls.north = cls.env["prm.territory"].create({"name": "PRM Mig North"})
        category = cls.env["prm.document.category"].create({"name": "PRM Mig"})
        cls.document = cls.env["prm.document"].create(
            {
                "name": "PRM Mig Playbook",
                "category_id": category.id,
                "kind": "url",
                "url": "https://mig.example",
                "prm_audience": "rules",
                "prm_tier_ids": cls.tier.ids,
                "prm_partner_type": "reseller",
                "prm_territory_ids": cls.north.ids,
                "prm_partner_stage": "active",
            }
        )
        begin = fields.Datetime.now()
        cls.event = cls.env["event.event"].create(
            {
                "name": "PRM Mig Webinar",
                "date_begin": begin,
                "date_end": begin,
                "website_published": True,
                "prm_partners_only": True,
                "prm_audience": "partners",
                "prm_partner_ids": (cls.partner_a | cls.partner_b).ids,
            }
        )
        cls.forum = cls.env["forum.forum"].create(
            {
                "name": "PRM Mig Forum",
                "prm_partners_only": True,
                "prm_audience": "partners",
                "prm_partner_ids": cls.partner_b.ids,
            }
        )

    def _field_ids(self, names):
        self.env.cr.execute(
            "SELECT model, name, id FROM ir_model_fields "
            "WHERE model IN %s AND name IN %s",
            [tuple(self.mig.MODELS), tuple(names)],
        )
        return {(model, name): id_ for model, name, id_ in self.env.cr.fetchall()}

    def _xmlids(self, names):
        self.env.cr.execute(
            "SELECT name FROM ir_model_data WHERE module = 'prm_portal' AND name IN %s",
            [tuple(names)],
        )
        return {name for (name,) in self.env.cr.fetchall()}

    def _as_before(self):
        """The schema and the field records of 18.0.1.3.0."""
        cr = self.env.cr
        back = {new: old for old, new in self.mig.FIELDS.items()}
        self.mig._rename_columns(
            cr, {self.mig.FIELDS[old]: old for old in self.mig.COLUMNS}
        )
        for old, new in self.mig.RELATIONS.items():
            self.mig._rename_relation(cr, new, old)
        self.mig._rename_field_records(cr, back)

    def test_update_keeps_the_audiences(self):
        cr = self.env.cr
        self.env.flush_all()
        new_ids = self._field_ids(self.mig.FIELDS.values())
        # every audience field of the six models has its record
        self.assertEqual(len(new_ids), 6 * 6)
        self._as_before()
        old_ids = self._field_ids(self.mig.FIELDS)
        self.assertEqual(len(old_ids), 6 * 6)
        self.assertFalse(self._field_ids(self.mig.FIELDS.values()))
        self.assertEqual(
            self._xmlids(
                ["field_event_event__audience", "field_forum_forum__tier_ids"]
            ),
            {"field_event_event__audience", "field_forum_forum__tier_ids"},
        )
        cr.execute(
            "SELECT audience, partner_type FROM prm_document WHERE id = %s",
            [self.document.id],
        )
        self.assertEqual(cr.fetchall(), [("rules", "reseller")])
        cr.execute(
            "SELECT res_partner_id FROM event_event_res_partner_rel "
            "WHERE event_event_id = %s",
            [self.event.id],
        )
        self.assertEqual(len(cr.fetchall()), 2)

        self.mig.migrate(cr, "18.0.1.3.0")
        # the same records under the new names: tracking values stay theirs
        self.assertEqual(self._field_ids(self.mig.FIELDS.values()), new_ids)
        self.assertFalse(self._field_ids(self.mig.FIELDS))
        self.assertEqual(
            self._xmlids(
                [
                    "field_event_event__prm_audience",
                    "field_event_event__audience",
                    "field_forum_forum__prm_partner_ids",
                    "selection__prm_document__prm_audience__rules",
                    "selection__prm_document__audience__rules",
                ]
            ),
            {
                "field_event_event__prm_audience",
                "field_forum_forum__prm_partner_ids",
                "selection__prm_document__prm_audience__rules",
            },
        )
        cr.execute(
            "SELECT relation_table FROM ir_model_fields "
            "WHERE model = 'event.event' AND name = 'prm_partner_ids'"
        )
        self.assertEqual(cr.fetchall(), [("event_event_prm_partner_rel",)])
        # running it again changes nothing
        self.mig.migrate(cr, "18.0.1.4.0")
        self.env.invalidate_all()
        document = self.document
        self.assertEqual(
            (
                document.prm_audience,
                document.prm_tier_ids,
                document.prm_partner_type,
                document.prm_territory_ids,
                document.prm_partner_stage,
            ),
            ("rules", self.tier, "reseller", self.north, "active"),
        )
        self.assertEqual(self.event.prm_partner_ids, self.partner_a | self.partner_b)
        self.assertEqual(self.forum.prm_partner_ids, self.partner_b)
        # the portal rules read the migrated audience
        self.assertEqual(
            self.env["event.event"]
            .with_user(self.portal_b)
            .search([("id", "=", self.event.id)]),
            self.event,
        )
