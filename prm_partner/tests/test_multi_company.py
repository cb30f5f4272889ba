# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import PrmPartnerCase


@tagged("post_install", "-at_install")
class TestMultiCompanyMetrics(PrmPartnerCase):
    """Tier metrics and target actuals only count the evaluated company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "PRM Other Vendor"})
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id, cls.company_b.id],
            )
        )
        # A partner shared by both companies (no company of its own).
        cls.shared = cls._prm_partner("Công ty Đa Quốc", company_id=False)
        other_env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company_b.id])
        )
        cls.cert_type_b = other_env["prm.certification.type"].create(
            {"name": "Other Sales Certification", "company_id": cls.company_b.id}
        )
        cls.agreement_type_b = other_env["prm.agreement.type"].create(
            {"name": "Other Reseller Agreement", "company_id": cls.company_b.id}
        )
        # Everything it achieved happened in the other company.
        order = other_env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "prm_partner_id": cls.shared.id,
                "company_id": cls.company_b.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": 8000,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = datetime(2026, 3, 1)
        lead = other_env["crm.lead"].create(
            {
                "name": "Other company deal",
                "type": "opportunity",
                "prm_partner_id": cls.shared.id,
                "company_id": cls.company_b.id,
                "stage_id": cls.won_stage.id,
            }
        )
        lead.date_closed = datetime(2026, 3, 1)
        contacts = cls.env["res.partner"].create(
            [
                {"name": f"Shared contact {index}", "parent_id": cls.shared.id}
                for index in range(2)
            ]
        )
        other_env["prm.certification"].create(
            [
                {
                    "partner_id": cls.shared.id,
                    "contact_id": contact.id,
                    "type_id": cls.cert_type_b.id,
                    "issue_date": date(2026, 1, 1),
                    "company_id": cls.company_b.id,
                }
                for contact in contacts
            ]
        )
        other_env["prm.agreement"].create(
            {
                "partner_id": cls.shared.id,
                "type_id": cls.agreement_type_b.id,
                "company_id": cls.company_b.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
            }
        ).action_sign("Trần Minh")

    @freeze_time("2026-05-01")
    def test_tier_metrics_per_company(self):
        tiers = self.env["prm.tier"].search([("company_id", "=", self.company.id)])
        today = date(2026, 5, 1)
        metrics = self.shared._prm_tier_metrics(tiers, today, company=self.company)[
            self.shared.id
        ]
        self.assertEqual(metrics["revenue_by_window"][12], 0.0)
        self.assertEqual(metrics["won_deals_by_window"][12], 0)
        self.assertEqual(metrics["certified_contacts"], 0)
        self.assertFalse(metrics["certification_type_ids"])
        self.assertFalse(metrics["agreement_type_ids"])
        # The tiers' company is the default.
        self.assertEqual(
            self.shared._prm_tier_metrics(tiers, today)[self.shared.id],
            metrics,
        )
        other = self.shared._prm_tier_metrics(tiers, today, company=self.company_b)[
            self.shared.id
        ]
        self.assertEqual(other["revenue_by_window"][12], 8000.0)
        self.assertEqual(other["won_deals_by_window"][12], 1)
        self.assertEqual(other["certified_contacts"], 2)
        self.assertEqual(other["certification_type_ids"], set(self.cert_type_b.ids))
        self.assertEqual(other["agreement_type_ids"], set(self.agreement_type_b.ids))

    @freeze_time("2026-05-01")
    def test_evaluation_ignores_other_company(self):
        self.shared.with_company(self.company)._prm_evaluate_tiers()
        self.assertEqual(self.shared.prm_tier_id, self.tier_registered)
        self._sell(self.shared, 1500, date(2026, 4, 1))
        self._win(self.shared, date(2026, 4, 1))
        self.shared.with_company(self.company)._prm_evaluate_tiers()
        # Silver on its own sales here; the other company's revenue and
        # certifications do not make it Gold.
        self.assertEqual(self.shared.prm_tier_id, self.tier_silver)

    def test_target_actuals_per_company(self):
        Target = self.env["prm.target"]
        target_a, target_b = Target.create(
            [
                {
                    "partner_id": self.shared.id,
                    "kind": kind,
                    "period_type": "year",
                    "date_from": date(2026, 1, 1),
                    "target": 10000,
                    "company_id": company.id,
                }
                for kind, company in (
                    ("revenue", self.company),
                    ("revenue", self.company_b),
                )
            ]
        )
        won_a, won_b = Target.create(
            [
                {
                    "partner_id": self.shared.id,
                    "kind": "won_deals",
                    "period_type": "year",
                    "date_from": date(2026, 1, 1),
                    "target": 4,
                    "company_id": company.id,
                }
                for company in (self.company, self.company_b)
            ]
        )
        self.assertEqual(target_a.actual, 0.0)
        self.assertEqual(target_b.actual, 8000.0)
        self.assertEqual(target_b.achievement, 80.0)
        self.assertEqual(won_a.actual, 0)
        self.assertEqual(won_b.actual, 1)
