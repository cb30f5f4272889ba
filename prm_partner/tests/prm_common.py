# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class PrmPartnerCase(TransactionCase):
    """Own data for the prm_partner tests: tiers, types, users, partners."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        # A company of its own: no demo tier or partner interferes.
        cls.company = cls.env["res.company"].create(
            {"name": "PRM Test Vendor", "prm_tier_grace_days": 30}
        )
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.manager = new_test_user(
            cls.env,
            login="prm_test_manager",
            groups="prm_partner.group_prm_manager,sales_team.group_sale_salesman",
            **company_values,
        )
        cls.user = new_test_user(
            cls.env,
            login="prm_test_user",
            groups="prm_partner.group_prm_user,sales_team.group_sale_salesman_all_leads",
            **company_values,
        )
        cls.employee = new_test_user(
            cls.env, login="prm_test_employee", **company_values
        )
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
        cls.product = cls.env["product.product"].create(
            {"name": "PRM Test Licence", "list_price": 100.0, "type": "service"}
        )
        cls.customer = cls.env["res.partner"].create({"name": "PRM End Customer"})
        cls.won_stage = cls.env["crm.stage"].create(
            {"name": "PRM Won", "is_won": True, "sequence": 99}
        )
        cls.open_stage = cls.env["crm.stage"].create({"name": "PRM New", "sequence": 1})

    @classmethod
    def _partner(cls, name, **values):
        vals = {
            "name": name,
            "is_company": True,
            "prm_is_partner": True,
            "prm_partner_type": "reseller",
            "company_id": cls.company.id,
        }
        vals.update(values)
        return cls.env["res.partner"].create(vals)

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
