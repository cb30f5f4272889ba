# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own users keep their rights on contacts with the suite installed.

Salespeople, sales managers and contact managers who are in no PRM group
create, duplicate and edit contacts, channel partners included, and open
the contact forms; our side effects (onboarding checklist, stage history)
run as superuser without the user reading any of them.
"""

import re

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PrmCase


@tagged("post_install", "-at_install")
class TestPartnerHooksForOdooUsers(PrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact_manager = cls._prm_new_user(
            "salesman",
            login="prm_core_p_contacts",
            groups="sales_team.group_sale_manager,base.group_partner_manager",
        )
        cls.task = cls.env["prm.onboarding.task"].create(
            {"name": "Core hooks: sign the agreement"}
        )
        cls.channel = cls._prm_partner(
            "Core Hooks Reseller", prm_stage="active", prm_tier_id=cls.tier_gold.id
        )

    def test_salesperson_duplicates_channel_partner(self):
        self.env.invalidate_all()
        for user in (self.salesman, self.contact_manager):
            copy = self.channel.with_user(user).copy()
            self.assertTrue(copy.prm_is_partner)
            # the copy gets its own checklist, which the user cannot read
            lines = copy.sudo().prm_onboarding_line_ids
            self.assertIn(self.task, lines.task_id)
            with self.assertRaises(AccessError):
                lines.with_user(user).read(["done"])

    def test_salesperson_adds_and_edits_contacts_of_channel_partner(self):
        self.env.invalidate_all()
        Partner = self.env["res.partner"].with_user(self.salesman)
        contact = Partner.create(
            {"name": "Core Hooks Buyer", "parent_id": self.channel.id}
        )
        contact.write({"email": "buyer@core-hooks.example", "phone": "0903 111 222"})
        self.channel.with_user(self.salesman).write(
            {"street": "1 Le Loi", "website": "https://core-hooks.example"}
        )
        self.assertEqual(contact.commercial_partner_id, self.channel)
        self.assertEqual(self.channel.prm_stage, "active")

    def test_partner_forms_open_for_users_without_prm_groups(self):
        employee = self._prm_new_user("employee", login="prm_core_p_employee")
        self.env.invalidate_all()
        for user in (self.salesman, self.contact_manager, employee):
            partner = self.channel.with_user(user)
            views = partner.get_views([(False, "form"), (False, "list")])
            for view in views["views"].values():
                names = set(re.findall(r'<field name="(\w+)"', view["arch"]))
                names &= set(partner._fields)
                self.assertFalse(
                    {"prm_tier_history_ids", "prm_onboarding_line_ids"} & names
                )
                values = partner.web_read({name: {} for name in names})
                self.assertEqual(values[0]["id"], partner.id)
