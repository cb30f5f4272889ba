# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two managers approve requests of the same budget at the same moment, in
two database transactions: the budget row is locked, exactly one wins and
the budget never goes below zero."""

import datetime
import uuid

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestConcurrentFundApprovals(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        token = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partners = env["res.partner"].create(
                [{"name": f"Racer {who} {token}", "is_company": True} for who in "AB"]
            )
            budget = env["prm.fund.budget"].create(
                {
                    "name": f"Race budget {token}",
                    "date_from": datetime.date(2026, 1, 1),
                    "date_to": datetime.date(2026, 12, 31),
                    "amount": 1000.0,
                }
            )
            requests = env["prm.fund.request"].create(
                [
                    {
                        "partner_id": partner.id,
                        "budget_id": budget.id,
                        "description": "Roadshow",
                        "date_start": datetime.date(2026, 5, 1),
                        "date_end": datetime.date(2026, 5, 2),
                        "requested_amount": 800.0,
                        "state": "submitted",
                    }
                    for partner in partners
                ]
            )
            self.partner_ids = partners.ids
            self.budget_id = budget.id
            self.request_ids = requests.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            requests = env["prm.fund.request"].browse(self.request_ids)
            requests.write({"state": "cancelled"})
            requests.unlink()
            env["prm.fund.budget"].browse(self.budget_id).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()

    def _manager_env(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        manager = env.ref("base.user_admin")
        return api.Environment(cr, manager.id, {})

    def test_exactly_one_approval_wins(self):
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        self.addCleanup(cr1.close)
        self.addCleanup(cr2.close)
        env1 = self._manager_env(cr1)
        env2 = self._manager_env(cr2)
        self.assertTrue(env1.user.has_group("prm_partner.group_prm_manager"))
        first_id, second_id = self.request_ids
        # both transactions started and read the budget before any approval
        self.assertEqual(
            env1["prm.fund.budget"].browse(self.budget_id).remaining_amount, 1000.0
        )
        self.assertEqual(
            env2["prm.fund.budget"].browse(self.budget_id).remaining_amount, 1000.0
        )

        env1["prm.fund.request"].browse(first_id).action_approve()
        # the first approval holds the budget: the second is refused
        with self.assertRaisesRegex(UserError, "in progress"):
            env2["prm.fund.request"].browse(second_id).action_approve()
        cr2.rollback()
        cr1.commit()
        # once the first one committed, the money is gone: refused again
        with self.assertRaisesRegex(UserError, "cannot be approved"):
            env2["prm.fund.request"].browse(second_id).action_approve()
        cr2.rollback()

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            requests = env["prm.fund.request"].browse(self.request_ids)
            self.assertEqual(requests.mapped("state"), ["approved", "submitted"])
            budget = env["prm.fund.budget"].browse(self.budget_id)
            self.assertEqual(budget.requested_amount, 800.0)
            self.assertEqual(budget.remaining_amount, 200.0)
