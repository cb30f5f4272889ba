"""Runs on the demo database, where Odoo's website_crm_partner_assign is
installed next to the suite: demo data loaded, no field or xmlid clash."""

from odoo.tests import TransactionCase, tagged

SUITE = ("prm_partner", "prm_commission", "prm_training", "prm_portal")
OTHER = "website_crm_partner_assign"


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestCoexistence(TransactionCase):
    def _defined_by(self, modules, model):
        data = self.env["ir.model.data"].search(
            [("module", "in", list(modules)), ("model", "=", model)]
        )
        return self.env[model].browse(data.mapped("res_id")).exists()

    def test_installed_together_with_demo_data(self):
        modules = self.env["ir.module.module"].search([("name", "in", (*SUITE, OTHER))])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 5)
        self.assertTrue(all(modules.mapped("demo")), "demo data was not loaded")

    def test_no_field_defined_by_both(self):
        ours = self._defined_by(SUITE, "ir.model.fields")
        theirs = self._defined_by([OTHER], "ir.model.fields")
        clash = {(f.model, f.name) for f in ours} & {(f.model, f.name) for f in theirs}
        self.assertFalse(clash, f"fields defined by both: {sorted(clash)}")
        # Ours are all prefixed on the models both extend.
        shared_models = set(ours.mapped("model")) & set(theirs.mapped("model"))
        for field in ours.filtered(lambda f: f.model in shared_models):
            self.assertTrue(
                field.name.startswith("prm_"), f"{field.model}.{field.name}"
            )

    def test_no_xmlid_points_at_a_record_of_the_other(self):
        data = self.env["ir.model.data"]
        ours = data.search([("module", "in", SUITE)])
        theirs = data.search([("module", "=", OTHER)])
        clash = {(d.model, d.res_id) for d in ours} & {
            (d.model, d.res_id) for d in theirs
        }
        # Fields/selections shared by inheritance are expected only on core models.
        clash = {c for c in clash if not c[0].startswith("ir.model")}
        self.assertFalse(clash, f"records owned by both: {sorted(clash)}")

    def test_shared_forms_render_with_both(self):
        for model in ("res.partner", "crm.lead"):
            for view_type in ("form", "list", "search"):
                arch = self.env[model].get_views([(False, view_type)])["views"][
                    view_type
                ]
                self.assertTrue(arch["arch"], f"{model} {view_type}")
