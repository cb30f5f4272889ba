"""Runs on the demo database, where Odoo's website_crm_partner_assign is
installed next to the suite: demo data loaded, no field or xmlid clash."""

from lxml import etree

from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.prm_partner.tests.common import SUITE_MODULES as SUITE

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
                ]["arch"]
                # both addons' extensions combine into a view of that type
                self.assertEqual(
                    etree.fromstring(arch).tag, view_type, f"{model} {view_type}"
                )


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestLeadPagesOfBoth(HttpCase):
    """/my/leads is website_crm_partner_assign's page of the leads it assigns;
    the routed leads of the partner program are at /my/channel-leads, whatever
    the names of the two controllers' methods."""

    LOGIN = "partner@prm-demo.example"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        user = cls.env["res.users"].search([("login", "=", cls.LOGIN)])
        company = user.commercial_partner_id
        Lead = cls.env["crm.lead"].with_context(prm_no_auto_route=True)
        cls.assigned = Lead.create(
            {
                "name": "Assigned by partner assignment",
                "type": "lead",
                "partner_assigned_id": company.id,
            }
        )
        cls.routed = Lead.create({"name": "Routed by the program", "type": "lead"})
        cls.routed._prm_assign_partner(company, "coexistence test")

    def setUp(self):
        super().setUp()
        self.authenticate(self.LOGIN, "partner")

    def assertLinks(self, path, page, msg=None):  # noqa: N802
        """``page`` links ``path``, in the user's language (/vi/my/...)."""
        self.assertRegex(page, rf'href="(/[a-z]{{2}}(_[A-Z]{{2}})?)?{path}"', msg)

    def assertNotLinks(self, path, page, msg=None):  # noqa: N802
        self.assertNotRegex(page, rf'href="(/[a-z]{{2}}(_[A-Z]{{2}})?)?{path}"', msg)

    def test_each_module_answers_its_own_address(self):
        theirs = self.url_open("/my/leads")
        self.assertEqual(theirs.status_code, 200)
        self.assertTrue(theirs.url.endswith("/my/leads"), theirs.url)
        self.assertLinks(f"/my/lead/{self.assigned.id}", theirs.text)
        self.assertNotIn("Routed by the program", theirs.text)
        self.assertNotIn("o_prm_nav", theirs.text)
        ours = self.url_open("/my/channel-leads")
        self.assertEqual(ours.status_code, 200)
        self.assertTrue(ours.url.endswith("/my/channel-leads"), ours.url)
        self.assertIn("Routed by the program", ours.text)
        self.assertLinks(f"/my/channel-leads/{self.routed.id}", ours.text)
        self.assertNotIn("Assigned by partner assignment", ours.text)
        self.assertIn("o_prm_nav", ours.text)

    def test_old_address_of_a_routed_lead_still_leads_to_it(self):
        # website_crm_partner_assign serves /my/lead/<id>, not /my/leads/<id>
        response = self.url_open(f"/my/leads/{self.routed.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.url.endswith(f"/my/channel-leads/{self.routed.id}"), response.url
        )

    def test_cards_and_navigation_point_to_each_page(self):
        home = self.url_open("/my").text
        self.assertLinks("/my/leads", home)
        self.assertLinks("/my/channel-leads", home)
        nav = self.url_open("/my/partner").text
        nav = nav[nav.index("o_prm_nav") :]
        nav = nav[: nav.index("</ul>")]
        self.assertLinks("/my/channel-leads", nav)
        self.assertNotLinks("/my/leads", nav)
