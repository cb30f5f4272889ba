"""Install checks shared by every addon of the suite.

Each addon mixes InstallChecks into a TransactionCase (tests/test_install.py)
with its module name: the addon is installed, its menus and window actions
load, every view of every model it touches renders through get_views, and
every model it creates has access rules.
"""

SUITE_MODULES = ("prm_partner", "prm_commission", "prm_training", "prm_portal")


class InstallChecks:
    """Mixin (not a TestCase itself, so no runner collects it on its own)."""

    module = None

    def _records(self, model):
        data = self.env["ir.model.data"].search(
            [("module", "=", self.module), ("model", "=", model)]
        )
        return self.env[model].browse(data.mapped("res_id")).exists()

    def _own_models(self):
        """Models this module creates (not the ones it only extends)."""
        return self._records("ir.model").filtered(lambda m: m.model in self.env)

    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", self.module)])
        self.assertEqual(module.state, "installed")
        self.assertEqual(module.latest_version, "18.0.1.0.0")

    def test_menus_and_actions_load(self):
        admin = self.env.ref("base.user_admin")
        loaded = self.env["ir.ui.menu"].with_user(admin).load_menus(debug=False)
        for menu in self._records("ir.ui.menu"):
            if menu.action:
                self.assertIn(
                    menu.id, loaded, f"menu {menu.complete_name} does not load"
                )
                self.assertTrue(menu.action.exists(), f"menu {menu.complete_name}")
        for action in self._records("ir.actions.act_window"):
            self.assertIn(action.res_model, self.env, f"action {action.name}")
            modes = [(False, mode) for mode in action.view_mode.split(",")]
            result = self.env[action.res_model].with_user(admin).get_views(modes)
            self.assertEqual(
                set(result["views"]), {mode for __, mode in modes}, action.name
            )
        for report in self._records("ir.actions.report"):
            self.assertIn(report.model, self.env, report.name)
            if report.report_type.startswith("qweb"):
                template = self.env.ref(report.report_name, raise_if_not_found=False)
                self.assertTrue(template, f"report {report.name}: no template")
                self.assertEqual(template._name, "ir.ui.view", report.name)
                self.assertEqual(template.type, "qweb", report.name)

    def test_views_render(self):
        checked = 0
        for view in self._records("ir.ui.view"):
            if view.type == "qweb":
                continue
            root = view
            while root.inherit_id and root.mode == "extension":
                root = root.inherit_id
            arch = self.env[root.model].get_view(root.id, root.type)["arch"]
            self.assertTrue(arch, view.xml_id)
            checked += 1
        # get_views on every model the suite creates, default views included.
        for model in self._own_models():
            result = self.env[model.model].get_views(
                [(False, "list"), (False, "form"), (False, "search")]
            )
            self.assertEqual(set(result["views"]), {"list", "form", "search"})
            checked += 1
        self.assertGreater(checked, 0, "the module defines no view and no model")

    def test_access_rules_exist(self):
        access = self.env["ir.model.access"]
        for model in self._own_models():
            if self.env[model.model]._abstract:
                continue
            self.assertTrue(
                access.search_count([("model_id", "=", model.id)]),
                f"no access rule for {model.model}",
            )
