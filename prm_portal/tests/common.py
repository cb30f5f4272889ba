# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import html as lxml_html

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class PrmPortalCommon:
    """Own data for the portal tests: a vendor company, a tier, two channel
    partners (A and B) with a portal user each, a reviewer and a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        cls.reviewer = new_test_user(
            cls.env,
            login="prm_portal_reviewer",
            groups="prm_partner.group_prm_user,sales_team.group_sale_salesman",
        )
        cls.manager = new_test_user(
            cls.env,
            login="prm_portal_manager",
            groups="prm_partner.group_prm_manager,sales_team.group_sale_manager",
        )
        cls.tier = cls.env["prm.tier"].create(
            {"name": "Portal Test Gold", "rank": 7321, "protection_days": 60}
        )
        Partner = cls.env["res.partner"]
        cls.partner_a = Partner.create(
            {
                "name": "Alpha Channel Co., Ltd",
                "is_company": True,
                "prm_is_partner": True,
                "prm_stage": "active",
                "prm_partner_type": "reseller",
                "prm_tier_id": cls.tier.id,
                "email": "office@alpha-channel.example",
            }
        )
        cls.partner_b = Partner.create(
            {
                "name": "Beta Channel JSC",
                "is_company": True,
                "prm_is_partner": True,
                "prm_stage": "active",
                "prm_partner_type": "distributor",
                "email": "office@beta-channel.example",
            }
        )
        cls.contact_a = Partner.create(
            {"name": "Lan A", "parent_id": cls.partner_a.id, "email": "lan@a.example"}
        )
        cls.contact_b = Partner.create(
            {"name": "Minh B", "parent_id": cls.partner_b.id, "email": "minh@b.example"}
        )
        cls.portal_a = new_test_user(
            cls.env,
            login="prm_portal_a",
            password="prm_portal_a",
            groups="base.group_portal",
            partner_id=cls.contact_a.id,
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="prm_portal_b",
            password="prm_portal_b",
            groups="base.group_portal",
            partner_id=cls.contact_b.id,
        )
        cls.country_vn = cls.env.ref("base.vn")

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
