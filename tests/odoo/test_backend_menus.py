"""The menus of the Partners app, as the four addons build them together."""

from odoo.tests import TransactionCase, new_test_user, tagged


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestBackendMenus(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = cls.env.ref("prm_partner.menu_prm_root")
        cls.menus = cls.env["ir.ui.menu"].search([("id", "child_of", cls.root.id)])
        cls.manager = new_test_user(
            cls.env,
            login="prm_menu_manager",
            groups="prm_partner.group_prm_manager,sales_team.group_sale_salesman,"
            "website_slides.group_website_slides_officer",
        )

    def _visible(self, user):
        """{menu id: menu dict} of the menus ``user`` sees in the web client."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {key: menu for key, menu in menus.items() if key != "root"}

    def test_no_two_menus_with_one_name_under_one_parent(self):
        seen = {}
        for menu in self.menus - self.root:
            key = (menu.parent_id.id, menu.name)
            self.assertNotIn(
                key,
                seen,
                f"{menu.parent_id.complete_name} holds two menus {menu.name!r}",
            )
            seen[key] = menu

    def test_no_menu_repeats_its_parent(self):
        # "Channel Sales > Channel Sales": a sub-menu named like its parent
        for menu in self.menus.filtered(lambda m: m.parent_id != self.root):
            if menu == self.root:
                continue
            self.assertNotEqual(menu.name, menu.parent_id.name, menu.complete_name)

    def test_commissions_at_the_top_level(self):
        commissions = self.env.ref("prm_commission.prm_commission_menu")
        self.assertEqual(commissions.parent_id, self.root)
        self.assertEqual(
            self.env.ref("prm_commission.prm_commission_line_menu").parent_id,
            commissions,
        )

    def test_actions_under_what_they_act_on(self):
        self.assertEqual(
            self.env.ref("prm_partner.prm_tier_preview_wizard_menu").parent_id,
            self.env.ref("prm_partner.menu_prm_partners_section"),
        )
        self.assertEqual(
            self.env.ref("prm_partner.menu_prm_partners").parent_id,
            self.env.ref("prm_partner.menu_prm_partners_section"),
        )
        self.assertEqual(
            self.env.ref(
                "prm_commission.prm_commission_settlement_wizard_menu"
            ).parent_id,
            self.env.ref("prm_commission.prm_commission_menu"),
        )

    def test_one_library(self):
        library = self.env.ref("prm_partner.menu_prm_library")
        self.assertEqual(library.parent_id, self.root)
        documents = self.env.ref("prm_portal.prm_document_action")
        courses = self.env.ref("prm_training.slide_channel_action_prm_library")
        leaves = self.menus.filtered(
            lambda m: m.action and m.action in (documents | courses)
        )
        self.assertEqual(leaves.parent_id, library)
        self.assertEqual(len(leaves), 2)

    def test_configuration_grouped_in_sections(self):
        config = self.env.ref("prm_partner.menu_prm_config")
        sections = config.child_id.filtered(lambda m: not m.action)
        self.assertGreaterEqual(len(sections), 4)
        self.assertTrue(all(section.child_id for section in sections))
        # only the settings stay outside a section
        loose = config.child_id.filtered("action")
        self.assertEqual(
            loose.action, self.env.ref("prm_partner.res_config_settings_action_prm")
        )
        self.assertEqual(
            self.env.ref("prm_partner.prm_tier_menu").parent_id,
            self.env.ref("prm_partner.menu_prm_config_program"),
        )
        self.assertEqual(
            self.env.ref("prm_commission.prm_commission_plan_menu").parent_id,
            self.env.ref("prm_commission.prm_commission_menu_config"),
        )

    def test_manager_sees_the_sections(self):
        visible = self._visible(self.manager)
        top = [visible[key]["name"] for key in visible[self.root.id]["children"]]
        self.assertEqual(
            top,
            [
                "Partners",
                "Channel Sales",
                "Commissions",
                "Agreements",
                "Certifications",
                "Training",
                "Performance",
                "Library",
                "Engagement",
                "Reporting",
                "Configuration",
            ],
        )
        sales = self.env.ref("prm_partner.menu_prm_sales")
        self.assertEqual(
            [visible[key]["name"] for key in visible[sales.id]["children"]],
            [
                "Deal Registrations",
                "Channel Opportunities",
                "Special Prices",
                "Sales Orders",
                "Targets",
            ],
        )

    def test_prm_user_does_not_see_manager_actions(self):
        user = new_test_user(
            self.env,
            login="prm_menu_user",
            groups="prm_partner.group_prm_user,sales_team.group_sale_salesman",
        )
        visible = self._visible(user)
        self.assertNotIn(
            self.env.ref("prm_partner.prm_tier_preview_wizard_menu").id, visible
        )
        self.assertNotIn(self.env.ref("prm_partner.menu_prm_config").id, visible)
        self.assertIn(self.env.ref("prm_partner.menu_prm_partners").id, visible)

    def test_engagement_menus(self):
        engagement = self.env.ref("prm_portal.menu_prm_engagement")
        self.assertEqual(engagement.parent_id, self.root)
        visible = self._visible(self.manager)
        self.assertEqual(
            [visible[key]["name"] for key in visible[engagement.id]["children"]],
            ["Announcements", "Announcement Readers", "Newsletter Segments"],
        )
