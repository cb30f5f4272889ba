"""Test bases shared by every addon of the suite.

``PrmCase`` is the one fixture base: the other addons' tests import it
(``from odoo.addons.prm_partner.tests.common import PrmCase``) and subclass
it with what is theirs only. It gives mail tracking off (Odoo's
``DISABLED_MAIL_CONTEXT``), a company of its own, one user per role (PRM
manager, PRM user, salesperson in no PRM group, portal contact of a channel
partner), two tiers, and ``_prm_query_count`` to measure the reference a
batch path is held to with Odoo's ``assertQueryCount``.

``InstallChecks`` is mixed into a TransactionCase by each addon
(tests/test_install.py) with its module name: the addon is installed, its
menus and window actions load, every view of every model it touches renders
through get_views, and every model it creates has access rules.
"""

from datetime import datetime

from lxml import etree

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

SUITE_MODULES = ("prm_partner", "prm_commission", "prm_training", "prm_portal")

# Groups of each role; a test adds its own through _prm_new_user(groups=...).
ROLE_GROUPS = {
    "manager": "prm_partner.group_prm_manager,sales_team.group_sale_salesman",
    "prm_user": "prm_partner.group_prm_user,sales_team.group_sale_salesman",
    "salesman": "sales_team.group_sale_salesman",
    "employee": "base.group_user",
    "portal": "base.group_portal",
}


class PrmCase(TransactionCase):
    """Own data for the suite's tests, built in steps a subclass can replace:

    - ``_prm_setup_company``: ``cls.company``, a company of its own
      (``prm_own_company = False``: the main company, for paths that need
      its chart of accounts or its website);
    - ``_prm_setup_users``: ``cls.manager``, ``cls.prm_user`` and
      ``cls.salesman`` (logins ``<prm_login_prefix>_<role>``);
    - ``_prm_setup_tiers``: ``cls.tier_silver`` and ``cls.tier_gold``;
    - ``_prm_setup_partners``: ``cls.channel_partner`` and its portal
      contact ``cls.portal_user`` (password = login).
    """

    prm_own_company = True
    prm_login_prefix = "prm_test"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls._prm_setup_company()
        cls._prm_setup_users()
        cls._prm_setup_tiers()
        cls._prm_setup_partners()

    @classmethod
    def _prm_setup_company(cls):
        if not cls.prm_own_company:
            cls.company = cls.env.company
            return
        # A company of its own: no demo tier or partner interferes.
        cls.company = cls.env["res.company"].create({"name": "PRM Test Vendor"})
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )

    @classmethod
    def _prm_setup_users(cls):
        cls.manager = cls._prm_new_user("manager")
        cls.prm_user = cls._prm_new_user("prm_user")
        cls.salesman = cls._prm_new_user("salesman")

    @classmethod
    def _prm_setup_tiers(cls):
        Tier = cls.env["prm.tier"]
        cls.tier_silver = Tier.create({"name": "Silver T", "rank": 901})
        cls.tier_gold = Tier.create({"name": "Gold T", "rank": 902})

    @classmethod
    def _prm_setup_partners(cls):
        cls.channel_partner = cls._prm_partner(
            "PRM Test Reseller", email="office@prm-test-reseller.example"
        )
        cls.portal_user = cls._prm_portal_user(cls.channel_partner)

    @classmethod
    def _prm_new_user(cls, role, login=None, groups="", **values):
        """A user of ``role`` (a key of ROLE_GROUPS) in ``cls.company``, with
        the extra ``groups`` (comma-separated xmlids)."""
        if cls.prm_own_company and role != "portal":
            values.setdefault("company_id", cls.company.id)
            values.setdefault("company_ids", [Command.set(cls.company.ids)])
        return new_test_user(
            cls.env,
            login=login or f"{cls.prm_login_prefix}_{role}",
            groups=",".join(filter(None, (ROLE_GROUPS[role], groups))),
            **values,
        )

    @classmethod
    def _prm_partner(cls, name, **values):
        """A channel partner (company, reseller by default) of ``cls.company``."""
        vals = {
            "name": name,
            "is_company": True,
            "prm_is_partner": True,
            "prm_partner_type": "reseller",
        }
        if cls.prm_own_company:
            vals["company_id"] = cls.company.id
        vals.update(values)
        return cls.env["res.partner"].create(vals)

    @classmethod
    def _prm_portal_user(cls, partner, login=None, **values):
        """A portal user who is a contact of ``partner``; password = login."""
        login = login or f"{cls.prm_login_prefix}_portal"
        values.setdefault("password", login)
        user = cls._prm_new_user("portal", login=login, **values)
        user.partner_id.parent_id = partner
        return user

    def _prm_query_count(self, func, *args):
        """Queries ``func(*args)`` sends, counted as Odoo's assertQueryCount
        counts them (pending writes flushed before, its own after), from
        empty caches. Measure a small batch with it, then hold the large one
        to that number with ``assertQueryCount``."""
        self.env.invalidate_all()
        self.env.flush_all()
        self.env.cr.flush()
        before = self.cr.sql_log_count
        func(*args)
        self.env.flush_all()
        self.env.cr.flush()
        return self.cr.sql_log_count - before


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
            # the combined view is of the type the web client asks for
            self.assertEqual(etree.fromstring(arch).tag, root.type, view.xml_id)
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


class PrmPartnerCase(PrmCase):
    """prm_partner's own data on top of PrmCase: tiers with pricelists and
    requirements, a certification and an agreement type, a product, an end
    customer, won and open CRM stages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.prm_tier_grace_days = 30
        # the PRM user works every lead; an employee is in no sales group
        cls.prm_user.groups_id += cls.env.ref(
            "sales_team.group_sale_salesman_all_leads"
        )
        cls.user = cls.prm_user
        cls.employee = cls._prm_new_user("employee")
        cls.product = cls.env["product.product"].create(
            {"name": "PRM Test Licence", "list_price": 100.0, "type": "service"}
        )
        cls.customer = cls.env["res.partner"].create({"name": "PRM End Customer"})
        cls.won_stage = cls.env["crm.stage"].create(
            {"name": "PRM Won", "is_won": True, "sequence": 99}
        )
        cls.open_stage = cls.env["crm.stage"].create({"name": "PRM New", "sequence": 1})

    @classmethod
    def _prm_setup_tiers(cls):
        Pricelist = cls.env["product.pricelist"]
        cls.pricelist_silver = Pricelist.create({"name": "PRM Test Silver"})
        cls.pricelist_gold = Pricelist.create({"name": "PRM Test Gold"})
        cls.cert_type = cls.env["prm.certification.type"].create(
            {"name": "PRM Test Sales Certification", "validity_months": 12}
        )
        cls.agreement_type = cls.env["prm.agreement.type"].create(
            {
                "name": "PRM Test Reseller Agreement",
                "default_duration_months": 12,
                "default_renewal_months": 12,
                "default_notice_days": 30,
            }
        )
        Tier = cls.env["prm.tier"]
        cls.tier_registered = Tier.create({"name": "Registered", "rank": 0})
        cls.tier_silver = Tier.create(
            {
                "name": "Silver",
                "rank": 10,
                "min_revenue": 1000,
                "min_won_deals": 1,
                "revenue_window_months": 12,
                "pricelist_id": cls.pricelist_silver.id,
            }
        )
        cls.tier_gold = Tier.create(
            {
                "name": "Gold",
                "rank": 20,
                "min_revenue": 5000,
                "min_won_deals": 1,
                "min_certified_contacts": 2,
                "revenue_window_months": 12,
                "required_certification_type_ids": [Command.set(cls.cert_type.ids)],
                "pricelist_id": cls.pricelist_gold.id,
            }
        )

    @classmethod
    def _prm_setup_partners(cls):
        """Each test makes its own channel partners (``_partner``)."""

    @classmethod
    def _sell(cls, partner, amount, when):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "prm_partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = datetime.combine(when, datetime.min.time())
        return order

    @classmethod
    def _win(cls, partner, when):
        lead = cls.env["crm.lead"].create(
            {
                "name": f"Deal of {partner.name}",
                "type": "opportunity",
                "prm_partner_id": partner.id,
                "stage_id": cls.won_stage.id,
            }
        )
        lead.date_closed = datetime.combine(when, datetime.min.time())
        return lead

    @classmethod
    def _certify(cls, partner, count, issue_date, cert_type=None):
        contacts = cls.env["res.partner"].create(
            [
                {"name": f"{partner.name} contact {index}", "parent_id": partner.id}
                for index in range(count)
            ]
        )
        return cls.env["prm.certification"].create(
            [
                {
                    "partner_id": partner.id,
                    "contact_id": contact.id,
                    "type_id": (cert_type or cls.cert_type).id,
                    "issue_date": issue_date,
                }
                for contact in contacts
            ]
        )
