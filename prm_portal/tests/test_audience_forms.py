# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The backend forms that carry the audience rules, opened by the users who
keep them (a PRM manager, with Odoo's event or website rights where the
record is Odoo's), saved unchanged: they save and the rules stay."""

from datetime import timedelta

from odoo import fields
from odoo.tests import Form, TransactionCase, tagged

from .test_news import NewsCommon

AUDIENCE = (
    "prm_audience",
    "prm_tier_ids",
    "prm_partner_type",
    "prm_territory_ids",
    "prm_partner_ids",
    "prm_partner_stage",
)


@tagged("post_install", "-at_install")
class TestAudienceFormsRoundTrip(NewsCommon, TransactionCase):
    def _round_trip(self, record, user):
        before = record.read(list(AUDIENCE))
        form = Form(record.with_user(user))
        self.assertIn("prm_audience", form._view["fields"], "the form shows the rules")
        form.save()
        record.invalidate_recordset()
        self.assertEqual(record.read(list(AUDIENCE)), before)

    def test_announcement_and_segment_forms(self):
        self._round_trip(self.news["gold_resellers_north"], self.manager)
        segment = self.env["prm.mailing.segment"].create(
            {
                "name": "Gold resellers of the North (form)",
                "prm_audience": "rules",
                "prm_tier_ids": self.tier.ids,
                "prm_territory_ids": self.north.ids,
            }
        )
        self._round_trip(segment, self.manager)

    def test_document_form(self):
        category = self.env["prm.document.category"].create({"name": "Form test"})
        document = self.env["prm.document"].create(
            {
                "name": "Chosen partners only",
                "category_id": category.id,
                "kind": "url",
                "url": "https://x.example",
                "prm_audience": "partners",
                "prm_partner_ids": self.partner_b.ids,
            }
        )
        self._round_trip(document, self.manager)

    def test_event_form_by_an_event_user(self):
        begin = fields.Datetime.now() + timedelta(days=7)
        event = self.env["event.event"].create(
            {
                "name": "Gold workshop (form)",
                "date_begin": begin,
                "date_end": begin + timedelta(hours=3),
                "prm_partners_only": True,
                "prm_audience": "tiers",
                "prm_tier_ids": self.tier.ids,
            }
        )
        user = self._prm_new_user(
            "manager", login="prm_form_event", groups="event.group_event_user"
        )
        self._round_trip(event, user)

    def test_forum_form_by_a_website_designer(self):
        forum = self.env["forum.forum"].create(
            {
                "name": "North partners (form)",
                "prm_partners_only": True,
                "prm_audience": "territories",
                "prm_territory_ids": self.north.ids,
            }
        )
        user = self._prm_new_user(
            "manager", login="prm_form_forum", groups="website.group_website_designer"
        )
        self._round_trip(forum, user)
