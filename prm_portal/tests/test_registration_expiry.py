# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One expiry rule: the daily expiry searches the domain that
``registration.is_expired`` applies to one registration."""

from datetime import date, timedelta

from odoo.tests import TransactionCase, tagged

from ..logic import registration
from .common import PrmPortalCommon

TODAY = date(2026, 6, 15)


@tagged("post_install", "-at_install")
class TestRegistrationExpiry(PrmPortalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cases = {
            "ended yesterday": ("approved", TODAY - timedelta(days=1)),
            "ends today": ("approved", TODAY),
            "ends later": ("approved", TODAY + timedelta(days=10)),
            "no end": ("approved", False),
            "won long ago": ("won", TODAY - timedelta(days=100)),
            "submitted": ("submitted", TODAY - timedelta(days=100)),
        }
        cls.registrations = cls.env["prm.deal.registration"]
        for i, (name, (state, until)) in enumerate(cases.items()):
            reg = cls._registration(
                customer_name=f"Expiry customer {name}",
                customer_vat=f"01099900{i:02d}",
                customer_email=f"buyer@expiry-{i}.example",
                customer_phone=f"0281234{i:03d}",
            )
            reg.write({"state": state, "protected_until": until})
            cls.registrations |= reg

    def _expected(self, today):
        return self.registrations.filtered(
            lambda reg: registration.is_expired(reg.state, reg.protected_until, today)
        )

    def test_domain_and_rule_agree(self):
        Registration = self.env["prm.deal.registration"]
        for today in (TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1)):
            found = Registration.search(
                registration.expired_domain(today)
                + [("id", "in", self.registrations.ids)]
            )
            self.assertEqual(found, self._expected(today), today)
        self.assertEqual(
            self._expected(TODAY).mapped("customer_name"),
            ["Expiry customer ended yesterday"],
        )

    def test_cron_expires_what_the_rule_says(self):
        expected = self._expected(TODAY + timedelta(days=1))
        self.assertEqual(len(expected), 2)
        expired = self.env["prm.deal.registration"]._cron_expire(
            today=TODAY + timedelta(days=1)
        )
        self.assertEqual(expired & self.registrations, expected)
        self.assertEqual(set(expected.mapped("state")), {"expired"})
