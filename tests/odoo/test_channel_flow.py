"""One deal through the whole suite: a partner's portal user registers a deal
(prm_portal), a reviewer approves it into a protected opportunity, the
quotation made from it is attributed to the partner (prm_partner), confirming
it creates the commission line (prm_commission), a settlement pays it, and the
partner reads its own commissions only."""

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestChannelFlow(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.env.company
        cls.plan = cls.env["prm.commission.plan"].create(
            {
                "name": "Flow plan",
                "basis": "order_confirmed",
                "currency_id": company.currency_id.id,
                "rule_ids": [
                    Command.create(
                        {
                            "name": "10% on everything",
                            "compute_mode": "percent_amount",
                            "rate": 10.0,
                        }
                    )
                ],
            }
        )
        cls.tier = cls.env["prm.tier"].create(
            {
                "name": "Flow Gold",
                "rank": 77,
                "protection_days": 60,
                "commission_plan_id": cls.plan.id,
            }
        )
        cls.reseller, cls.other = cls.env["res.partner"].create(
            [
                {
                    "name": f"{name} Reseller",
                    "is_company": True,
                    "prm_is_partner": True,
                    "prm_partner_type": "reseller",
                    "prm_tier_id": cls.tier.id,
                }
                for name in ("Flow", "Other")
            ]
        )
        cls.portal_user, cls.other_user = (
            mail_new_test_user(
                cls.env,
                login=login,
                groups="base.group_portal",
                name=login,
                email=f"{login}@example.com",
            )
            for login in ("flow_portal", "other_portal")
        )
        cls.portal_user.partner_id.parent_id = cls.reseller
        cls.other_user.partner_id.parent_id = cls.other
        cls.reviewer = new_test_user(
            cls.env,
            login="flow_reviewer",
            groups="prm_partner.group_prm_manager,sales_team.group_sale_manager",
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Flow Server", "list_price": 1000.0, "type": "consu"}
        )

    def test_registered_deal_becomes_a_commission_the_partner_can_read(self):
        # As /my/deals/new does once it has validated the form: as the portal
        # user, in sudo mode (portal users have no create right of their own).
        registration = (
            self.env["prm.deal.registration"]
            .with_user(self.portal_user)
            .sudo()
            .create(
                {
                    "partner_id": self.reseller.id,
                    "customer_name": "Công ty TNHH Khách Hàng Flow",
                    "customer_email": "buyer@khachhangflow.vn",
                    "expected_revenue": 5000.0,
                    "product_ids": [Command.set(self.product.product_tmpl_id.ids)],
                }
            )
        )
        self.assertIn(registration.state, ("submitted", "under_review"))

        registration.with_user(self.reviewer).action_approve()
        lead = registration.lead_id
        self.assertEqual(registration.state, "approved")
        self.assertEqual(lead.prm_partner_id, self.reseller)
        self.assertEqual(
            registration.protected_until,
            fields.Date.add(registration.date_approved, days=60),
        )

        # The quotation made from the opportunity carries the channel partner.
        customer = self.env["res.partner"].create({"name": "Khách Hàng Flow"})
        lead.partner_id = customer
        order = (
            self.env["sale.order"]
            .with_context(**lead._prepare_opportunity_quotation_context())
            .create(
                {
                    "partner_id": customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_qty": 2}
                        )
                    ],
                }
            )
        )
        self.assertEqual(order.opportunity_id, lead)
        self.assertEqual(order.prm_partner_id, self.reseller)

        order.action_confirm()
        line = order.prm_commission_line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.partner_id, self.reseller)
        self.assertAlmostEqual(line.base_amount, 2000.0)
        self.assertAlmostEqual(line.amount, 200.0)
        self.assertTrue(line.explanation)

        # Confirming again never counts the sale twice.
        order._prm_commission_sync()
        self.assertEqual(len(order.prm_commission_line_ids), 1)

        wizard = self.env["prm.commission.settlement.wizard"].create(
            {
                "partner_ids": [Command.set(self.reseller.ids)],
                "date": line.date,
            }
        )
        settlements = wizard._prm_create_settlements()
        self.assertEqual(len(settlements), 1)
        self.assertAlmostEqual(settlements.amount_total, 200.0)
        self.assertEqual(line.settlement_id, settlements)

        # A draft settlement is the vendor's business; once a manager approves
        # it, the partner reads it, and its own commission, but nobody else's.
        self.assertFalse(
            self.env["prm.commission.settlement"].with_user(self.portal_user).search([])
        )
        settlements.with_user(self.reviewer).action_approve()
        own = self.env["prm.commission.line"].with_user(self.portal_user)
        self.assertEqual(own.search([]), line)
        self.assertEqual(
            self.env["prm.commission.settlement"]
            .with_user(self.portal_user)
            .search([]),
            settlements,
        )
        self.assertFalse(
            self.env["prm.commission.line"].with_user(self.other_user).search([])
        )
        with self.assertRaises(AccessError):
            line.with_user(self.other_user).read(["amount"])
        with self.assertRaises(AccessError):
            registration.with_user(self.other_user).read(["customer_name"])
