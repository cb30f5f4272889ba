# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signing an agreement: the portal route as the partner's contact, the
public method and the backend wizard as the users who reach them."""

import base64
import io
import os

from PIL import Image

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PrmPortalCommon


def image_b64(width=300, height=100, fmt="PNG", noise=False):
    mode = "RGB" if fmt == "JPEG" or noise else "RGBA"
    if noise:
        image = Image.frombytes(mode, (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new(mode, (width, height))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return base64.b64encode(buffer.getvalue()).decode()


@tagged("post_install", "-at_install")
class TestAgreementSigning(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement_type = cls.env["prm.agreement.type"].create(
            {"name": "Signing Test Reseller"}
        )
        cls.agreement = cls.env["prm.agreement"].create(
            {
                "partner_id": cls.partner_a.id,
                "type_id": cls.agreement_type.id,
                "state": "sent",
                "body": "<p>Terms</p>",
            }
        )
        cls.salesman = new_test_user(
            cls.env,
            login="prm_sign_salesman",
            groups="sales_team.group_sale_salesman",
        )
        cls.signature = image_b64()

    def _sign(self, name="Lan A", signature=None, agreement=None):
        return self.make_jsonrpc_request(
            f"/my/agreements/{(agreement or self.agreement).id}/sign",
            {
                "name": name,
                "signature": self.signature if signature is None else signature,
            },
        )

    def _assert_unsigned(self):
        self.agreement.invalidate_recordset()
        self.assertEqual(self.agreement.state, "sent")
        self.assertFalse(self.agreement.signer_name)
        self.assertFalse(self.agreement.signature)

    # ------------------------------------------------------------------
    # Portal route, as the partner's contact
    # ------------------------------------------------------------------

    def test_portal_signature_records_user_date_and_ip(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        result = self._sign(name="  Lan A  ")
        self.assertTrue(result.get("force_refresh"), result)
        agreement = self.agreement
        agreement.invalidate_recordset()
        self.assertIn(agreement.state, ("signed", "active"))
        self.assertEqual(agreement.signer_name, "Lan A")
        self.assertEqual(agreement.signed_by_user_id, self.portal_a)
        self.assertTrue(agreement.signed_on)
        self.assertEqual(agreement.signer_ip, "127.0.0.1")
        self.assertEqual(agreement.signature.decode(), self.signature)

    def test_name_must_be_text_of_sane_length(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        for name in (123, ["Lan A"], {"first": "Lan"}, None, "   ", "x" * 129, "L\x00"):
            with self.subTest(name=name):
                result = self._sign(name=name)
                self.assertIn("name of the signer", result.get("error", ""))
                self._assert_unsigned()

    def test_signature_must_be_a_png_or_jpeg_image(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        for signature in (
            base64.b64encode(b"\x89PNG fake image").decode(),
            base64.b64encode(b"just text").decode(),
            image_b64(fmt="GIF"),
            "%%% not base64 %%%",
            ["iVBORw0KGgo="],
            12345,
            {"png": "x"},
        ):
            with self.subTest(signature=str(signature)[:30]):
                result = self._sign(signature=signature)
                self.assertEqual(
                    result.get("error"), "The signature must be a PNG or JPEG image."
                )
                self._assert_unsigned()

    def test_signature_size_is_bounded(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        heavy = image_b64(600, 600, noise=True)  # about 1 MB
        self.assertGreater(len(base64.b64decode(heavy)), 512 * 1024)
        wide = image_b64(5000, 20)  # a few hundred bytes, too many pixels
        for signature in (heavy, wide):
            result = self._sign(signature=signature)
            self.assertIn("too large", result.get("error", ""))
            self._assert_unsigned()

    def test_jpeg_signature_is_accepted(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        result = self._sign(signature=image_b64(fmt="JPEG"))
        self.assertTrue(result.get("force_refresh"), result)

    def test_dashboard_asks_only_partners_who_can_sign(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/partner").text
        self.assertIn(f'href="/my/agreements/{self.agreement.id}"', page)
        self.assertIn("text-bg-warning", page)  # the nav badge of agreements
        for stage in ("suspended", "terminated"):
            with self.subTest(stage=stage):
                self.partner_a.prm_stage = stage
                page = self.url_open("/my/partner").text
                self.assertNotIn(f'href="/my/agreements/{self.agreement.id}"', page)
                self.assertNotIn("text-bg-warning", page)

    def test_only_contacts_of_an_onboarding_or_active_partner_sign(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        for stage in ("suspended", "terminated", "applicant", "prospect"):
            with self.subTest(stage=stage):
                self.partner_a.prm_stage = stage
                result = self._sign()
                self.assertIn("onboarding or active partner", result.get("error", ""))
                self._assert_unsigned()
                page = self.url_open(f"/my/agreements/{self.agreement.id}")
                self.assertNotIn("o_prm_sign_agreement", page.text)
        self.partner_a.prm_stage = "onboarding"
        result = self._sign()
        self.assertTrue(result.get("force_refresh"), result)

    def test_other_partner_contact_cannot_sign(self):
        self.authenticate("prm_portal_b", "prm_portal_b")
        result = self._sign(name="Minh B")
        self.assertEqual(result.get("error"), "Invalid agreement.")
        self._assert_unsigned()

    # ------------------------------------------------------------------
    # action_sign over RPC and the backend wizard
    # ------------------------------------------------------------------

    def test_portal_user_cannot_call_action_sign(self):
        agreement = self.agreement.with_user(self.portal_a)
        # the portal user reads the agreement...
        self.assertEqual(agreement.state, "sent")
        # ...but its public method does not sign it for them
        with self.assertRaises(AccessError):
            agreement.action_sign("Lan A", self.signature)
        self._assert_unsigned()

    def test_internal_user_without_prm_rights_cannot_sign(self):
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.salesman).action_sign("Sales", self.signature)
        self._assert_unsigned()

    def test_prm_user_signature_is_checked_and_recorded(self):
        agreement = self.agreement.with_user(self.reviewer)
        for name, signature in (
            (123, self.signature),
            ("x" * 129, self.signature),
            ("Reviewer", base64.b64encode(b"\x89PNG fake image")),
            ("Reviewer", image_b64(5000, 20)),
        ):
            with self.subTest(name=str(name)[:10], signature=str(signature)[:20]):
                with self.assertRaises(ValidationError):
                    agreement.action_sign(name, signature)
                self._assert_unsigned()
        agreement.action_sign("Lê Thu Hà", self.signature.encode())
        self.assertIn(agreement.state, ("signed", "active"))
        self.assertEqual(agreement.signed_by_user_id, self.reviewer)
        self.assertTrue(agreement.signed_on)

    def test_wizard_refuses_what_is_not_an_image(self):
        wizard = (
            self.env["prm.agreement.sign.wizard"]
            .with_user(self.reviewer)
            .create(
                {
                    "agreement_id": self.agreement.id,
                    "signer_name": "Lê Thu Hà",
                    "signature": base64.b64encode(b"GIF89a not a png"),
                }
            )
        )
        with self.assertRaises(ValidationError):
            wizard.action_sign()
        self._assert_unsigned()
        wizard.signature = self.signature
        wizard.action_sign()
        self.assertEqual(self.agreement.signed_by_user_id, self.reviewer)
        self.assertEqual(self.agreement.signer_name, "Lê Thu Hà")
