"""The four addons installed together in one database (no demo data)."""

from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.prm_partner.tests.common import SUITE_MODULES as SUITE


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestSuiteSmoke(TransactionCase):
    def test_four_addons_installed_together(self):
        modules = self.env["ir.module.module"].search([("name", "in", SUITE)])
        self.assertEqual(
            {m.name: m.state for m in modules}, dict.fromkeys(SUITE, "installed")
        )

    def test_manager_implies_user_and_sees_the_partners_app(self):
        manager = new_test_user(
            self.env, login="prm_smoke_manager", groups="prm_partner.group_prm_manager"
        )
        self.assertTrue(manager.has_group("prm_partner.group_prm_user"))
        root = self.env.ref("prm_partner.menu_prm_root")
        menus = self.env["ir.ui.menu"].with_user(manager).load_menus(debug=False)
        self.assertIn(root.id, menus["root"]["children"])

    def test_plain_employee_does_not_see_the_partners_app(self):
        employee = new_test_user(
            self.env, login="prm_smoke_employee", groups="base.group_user"
        )
        root = self.env.ref("prm_partner.menu_prm_root")
        menus = self.env["ir.ui.menu"].with_user(employee).load_menus(debug=False)
        self.assertNotIn(root.id, menus["root"]["children"])
