# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every report and download of the portal, over HTTP, as the portal user
who owns it: PDF (attachment and inline) and HTML."""

import base64
import re
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalReports(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        currency = cls.env.company.currency_id
        line = cls.env["prm.commission.line"].create(
            {
                "partner_id": cls.partner_a.id,
                "source_key": "portal-report-test-1",
                "currency_id": currency.id,
                "date": date(2026, 1, 10),
                "state": "confirmed",
                "base_amount": 10_000.0,
                "rate": 10.0,
                "amount": 1_000.0,
            }
        )
        cls.settlement = cls.env["prm.commission.settlement"].create(
            {
                "partner_id": cls.partner_a.id,
                "currency_id": currency.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 1, 31),
                "line_ids": [Command.set(line.ids)],
                "state": "approved",
            }
        )
        cert_type = cls.env["prm.certification.type"].create(
            {"name": "Report Test Sales Expert", "validity_months": 12}
        )
        cls.certification = cls.env["prm.certification"].create(
            {
                "partner_id": cls.partner_a.id,
                "contact_id": cls.contact_a.id,
                "type_id": cert_type.id,
            }
        )
        cls.agreement = cls.env["prm.agreement"].create(
            {
                "partner_id": cls.partner_a.id,
                "type_id": cls.env["prm.agreement.type"]
                .create({"name": "Report Test Reseller"})
                .id,
                "state": "sent",
                "body": "<p>Report test terms</p>",
            }
        )
        category = cls.env["prm.document.category"].create({"name": "Report docs"})
        cls.document = cls.env["prm.document"].create(
            {
                "name": "Report test brochure",
                "category_id": category.id,
                "datas": base64.b64encode(b"BROCHURE"),
                "filename": "brochure.txt",
            }
        )

    def _open(self, url):
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200, url)
        return response

    def _assert_pdf(self, url, filename_start, marker):
        """The PDF answers inline and as a download with a named file."""
        for download in (False, True):
            response = self._open(f"{url}{'&download=true' if download else ''}")
            self.assertEqual(response.headers["Content-Type"], "application/pdf", url)
            disposition = response.headers["Content-Disposition"]
            self.assertTrue(
                disposition.startswith("attachment" if download else "inline"),
                disposition,
            )
            self.assertIn(filename_start, disposition)
            # in test mode Odoo skips wkhtmltopdf and returns the report's HTML
            self.assertIn(marker.encode(), response.content)

    def _assert_html(self, url, marker):
        response = self._open(url)
        self.assertIn("text/html", response.headers["Content-Type"])
        self.assertIn(marker, response.text)

    def test_commission_statement(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        url = f"/my/commissions/settlement/{self.settlement.id}"
        self._assert_pdf(
            f"{url}?report_type=pdf", "Commission_Statement_", self.settlement.name
        )
        self._assert_html(f"{url}?report_type=html", self.settlement.name)

    def test_certificate(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        url = f"/my/certificates/{self.certification.id}"
        code = self.certification.verification_code
        self._assert_pdf(f"{url}?report_type=pdf", "Certificate_", code)
        self._assert_html(f"{url}?report_type=html", code)
        self.assertIn("Report Test Sales Expert", self._open(url).text)

    def test_agreement(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        url = f"/my/agreements/{self.agreement.id}"
        self._assert_pdf(f"{url}?report_type=pdf", "Agreement_", "Report test terms")
        self._assert_html(f"{url}?report_type=html", "Report test terms")

    def test_library_download(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._open(f"/my/library/{self.document.id}/download")
        self.assertEqual(response.content, b"BROCHURE")

    def test_links_of_the_pages_answer(self):
        """The download links the partner clicks on its pages all work."""
        self.authenticate("prm_portal_a", "prm_portal_a")
        links = set()
        for page in ("/my/commissions", "/my/trainings", "/my/library"):
            html = self._open(page).text
            links |= set(
                re.findall(
                    r'href="(/my/(?:commissions/settlement|certificates|library)/[^"]+)"',
                    html,
                )
            )
        html = self._open(f"/my/agreements/{self.agreement.id}").text
        links |= set(re.findall(r'href="(/my/agreements/\d+\?report_type[^"]+)"', html))
        self.assertTrue(
            {
                f"/my/commissions/settlement/{self.settlement.id}",
                f"/my/certificates/{self.certification.id}",
                f"/my/library/{self.document.id}/download",
                f"/my/agreements/{self.agreement.id}",
            }
            <= {link.split("?")[0].replace("&amp;", "&") for link in links},
            links,
        )
        for link in links:
            self._open(link.replace("&amp;", "&"))

    def test_other_partner_cannot_download(self):
        self.authenticate("prm_portal_b", "prm_portal_b")
        for url in (
            f"/my/commissions/settlement/{self.settlement.id}?report_type=html",
            f"/my/certificates/{self.certification.id}?report_type=html",
            f"/my/agreements/{self.agreement.id}?report_type=html",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Report test terms", response.text)
