"""The logins setup/run.sh prints work on the demo database."""

from odoo.tests import TransactionCase, tagged


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestDemoLogins(TransactionCase):
    def _user(self, login, password):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertEqual(len(user), 1, f"no demo user {login}")
        credential = {"login": login, "password": password, "type": "password"}
        # Raises AccessDenied when the password is not the printed one.
        user.with_user(user)._check_credentials(credential, {"interactive": False})
        return user

    def test_internal_manager(self):
        admin = self._user("admin", "admin")
        self.assertTrue(admin.has_group("prm_partner.group_prm_manager"))

    def test_portal_partner_user(self):
        user = self._user("partner@prm-demo.example", "partner")
        self.assertTrue(user.has_group("base.group_portal"))
        company = user.commercial_partner_id
        self.assertTrue(company.prm_is_partner, "the portal user belongs to no partner")
        self.assertTrue(company.prm_tier_id)
        self.assertEqual(company.prm_stage, "active")
