# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signature of an agreement: recorded by a PRM user or given on the portal."""

import base64

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.image import binary_to_image

from .. import access
from ..logic import signatures as signature_rules

# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited


class PrmAgreement(models.Model):
    _inherit = "prm.agreement"

    def action_sign(self, signer_name, signature=False):
        """Record a signature given to a PRM user (backend wizard, paper
        copy); the agreement becomes active when it has started."""
        self.ensure_one()
        access.require(
            self.env,
            access.USER,
            self.env._("Only PRM users can record the signature of an agreement."),
        )
        self.check_access("write")
        ip = request.httprequest.remote_addr if request else False
        return self._prm_sign(signer_name, signature, ip=ip)

    def action_open_sign_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign Agreement"),
            "res_model": "prm.agreement.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agreement_id": self.id},
        }

    def _prm_sign(self, signer_name, signature=False, user=None, ip=False):
        """Record the signature of ``signer_name`` (checked: text of 1 to 128
        characters; the image, if any, a PNG or JPEG of sane size), given by
        ``user`` (default: the current one) from ``ip``. Callers check who
        may sign."""
        self.ensure_one()
        user = user or self.env.user
        if self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "Agreement %(name)s cannot be signed any more.", name=self.name
                )
            )
        name = signature_rules.clean_name(signer_name)
        if name is None:
            raise ValidationError(
                self.env._(
                    "Please type the name of the signer (at most %(max)s "
                    "characters).",
                    max=signature_rules.MAX_NAME_LENGTH,
                )
            )
        image = self._prm_check_signature(signature) if signature else False
        today = fields.Date.context_today(self)
        state = (
            "active" if not self.date_start or self.date_start <= today else "signed"
        )
        self.write(
            {
                "state": state,
                "signer_name": name,
                "signature": image,
                "signed_on": fields.Datetime.now(),
                "signed_by_user_id": user.id,
                "signer_ip": (ip or "")[:64] or False,
            }
        )
        self.message_post(
            body=self.env._("Agreement signed by %(signer)s.", signer=name),
            author_id=user.partner_id.id,
            subtype_xmlid="mail.mt_comment",
        )
        return True

    @api.model
    def _prm_check_signature(self, signature):
        """The signature image as base64 (bytes), or a ValidationError when it
        is not a PNG or JPEG image within the size limits."""
        raw, reason = signature_rules.decode_image(signature)
        too_large = self.env._(
            "The signature image is too large: at most %(kb)s KB and "
            "%(px)s pixels a side.",
            kb=signature_rules.MAX_IMAGE_BYTES // 1024,
            px=signature_rules.MAX_IMAGE_SIDE,
        )
        not_image = self.env._("The signature must be a PNG or JPEG image.")
        if reason == signature_rules.TOO_LARGE:
            raise ValidationError(too_large)
        if raw is None:
            raise ValidationError(not_image)
        try:
            image = binary_to_image(raw)
        except UserError as exc:
            raise ValidationError(not_image) from exc
        if image.format not in ("PNG", "JPEG"):
            raise ValidationError(not_image)
        if not signature_rules.fits(*image.size):
            raise ValidationError(too_large)
        try:
            image.load()
        except (OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(not_image) from exc
        return base64.b64encode(raw)
