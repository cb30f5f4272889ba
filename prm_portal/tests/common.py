# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
from pathlib import Path

from lxml import html as lxml_html

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name

from odoo.addons.prm_partner.tests.common import PrmCase


def load_migration(version, stage):
    """The migration script ``stage`` (``pre`` or ``post``) of ``version`` of
    this addon, as a module: its steps can be run on a database put back in
    the state of an earlier version."""
    path = Path(__file__).parents[1] / "migrations" / version / f"{stage}-migration.py"
    spec = importlib.util.spec_from_file_location(
        f"prm_portal_migration_{version.replace('.', '_')}_{stage}", path
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The sections of the partner portal, in the order of its menu.
PORTAL_SECTIONS = (
    "/my/partner",
    "/my/deals",
    "/my/channel-leads",
    "/my/library",
    "/my/agreements",
    "/my/commissions",
    "/my/trainings",
)


class PageAssertions:
    """assertIn / assertNotIn for HTML pages: a failure names what was
    looked for without printing the whole page."""

    def assertIn(self, member, container, msg=None):  # noqa: N802
        if member not in container:
            self.fail(msg or f"{member!r} not found in the page")

    def assertNotIn(self, member, container, msg=None):  # noqa: N802
        if member in container:
            self.fail(msg or f"{member!r} found in the page")


class PrmPortalCommon(PrmCase):
    """prm_portal's own data on top of PrmCase: a tier with a protection
    period, two channel partners (A and B) with a portal user each, a
    reviewer (the PRM user) and a manager who is also sales manager."""

    # the portal pages are the main company's website
    prm_own_company = False
    prm_login_prefix = "prm_portal"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.country_vn = cls.env.ref("base.vn")

    @classmethod
    def _prm_setup_users(cls):
        cls.reviewer = cls.prm_user = cls._prm_new_user(
            "prm_user", login="prm_portal_reviewer"
        )
        cls.manager = cls._prm_new_user(
            "manager", groups="sales_team.group_sale_manager"
        )
        cls.salesman = cls._prm_new_user("salesman")

    @classmethod
    def _prm_setup_tiers(cls):
        cls.tier = cls.env["prm.tier"].create(
            {"name": "Portal Test Gold", "rank": 7321, "protection_days": 60}
        )

    @classmethod
    def _prm_setup_partners(cls):
        cls.partner_a = cls._prm_partner(
            "Alpha Channel Co., Ltd",
            prm_stage="active",
            prm_tier_id=cls.tier.id,
            email="office@alpha-channel.example",
        )
        cls.partner_b = cls._prm_partner(
            "Beta Channel JSC",
            prm_stage="active",
            prm_partner_type="distributor",
            email="office@beta-channel.example",
        )
        cls.portal_a = cls._prm_portal_user(
            cls.partner_a, login="prm_portal_a", name="Lan A", email="lan@a.example"
        )
        cls.portal_b = cls._prm_portal_user(
            cls.partner_b, login="prm_portal_b", name="Minh B", email="minh@b.example"
        )
        cls.contact_a = cls.portal_a.partner_id
        cls.contact_b = cls.portal_b.partner_id

    @classmethod
    def _registration(cls, partner=None, **values):
        vals = {
            "partner_id": (partner or cls.partner_a).id,
            "customer_name": "Công ty TNHH Ánh Dương",
            "customer_vat": "0101234567",
            "customer_contact_name": "Nguyen Van Duong",
            "customer_email": "duong@anhduong.example",
            "customer_phone": "0903 123 456",
            "customer_country_id": cls.country_vn.id,
            "expected_revenue": 150_000_000,
        }
        vals.update(values)
        return cls.env["prm.deal.registration"].create(vals)

    @staticmethod
    def _form_values(page, action):
        """What the browser posts for the form of ``action`` in ``page`` when
        the user changes nothing (inputs, checked boxes, selected options,
        text areas; no submit button)."""
        document = lxml_html.fromstring(page)
        forms = document.xpath(f'//form[@action="{action}"]')
        assert forms, f"no form posting to {action}"
        values = {}
        for name, value in forms[0].form_values():
            values.setdefault(name, []).append(value)
        return {
            name: found[0] if len(found) == 1 else found
            for name, found in values.items()
        }


class ParallelCase(BaseCase):
    """Two real transactions at once on the test database: what they commit
    stays, so each test cleans up after itself."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())

    def _two_transactions(self):
        """Two superuser environments on cursors of their own, and the
        PostgreSQL process id of the second (see ``_waiting_locks``)."""
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        self.addCleanup(cr1.close)
        self.addCleanup(cr2.close)
        cr2.execute("SELECT pg_backend_pid()")
        pid2 = cr2.fetchone()[0]
        return (
            api.Environment(cr1, SUPERUSER_ID, {}),
            api.Environment(cr2, SUPERUSER_ID, {}),
            pid2,
        )

    def _waiting_locks(self, pid):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted", [pid]
            )
            return cr.fetchone()[0]


class PrmShopCommon(PrmPortalCommon):
    """Partner A's tier gives an 18% pricelist; two published products of
    the shop with codes, without taxes (prices read as typed)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Portal Test Gold prices",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 18,
                        }
                    )
                ],
            }
        )
        cls.tier.pricelist_id = cls.tier_pricelist
        Product = cls.env["product.template"]
        cls.router = Product.create(
            {
                "name": "PRM Shop Router",
                "default_code": "PRM-SHOP-1",
                "list_price": 100.0,
                "sale_ok": True,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
        )
        cls.switch = Product.create(
            {
                "name": "PRM Shop Switch",
                "default_code": "PRM-SHOP-2",
                "list_price": 50.0,
                "sale_ok": True,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
        )

    def _cart_of(self, user):
        return self.env["sale.order"].search(
            [("partner_id", "=", user.partner_id.id), ("state", "=", "draft")]
        )
