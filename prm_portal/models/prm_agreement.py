# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..logic import registration


class PrmAgreement(models.Model):
    _name = "prm.agreement"
    _inherit = ["prm.agreement", "portal.mixin"]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for agreement in self:
            agreement.access_url = f"/my/agreements/{agreement.id}"
        return result

    def _prm_portal_waits_for_signature(self):
        self.ensure_one()
        return self.state in ("draft", "sent")

    def _prm_portal_can_sign(self, user=None):
        """Whether ``user`` (default: the current one; portal routes pass the
        request's user, their records are superuser's) signs this agreement on
        the portal: it waits for a signature, the user is a contact of the
        agreement's partner, and that partner is onboarding (signing is part
        of becoming active) or active. Applicants, prospects, suspended and
        terminated partners cannot sign."""
        self.ensure_one()
        user = (user or self.env.user).sudo()
        partner = user.commercial_partner_id
        return (
            self._prm_portal_waits_for_signature()
            and user.active
            and partner == self.sudo().partner_id.commercial_partner_id
            and registration.is_portal_partner(
                partner.prm_is_partner, partner.prm_stage
            )
        )

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Agreement %(name)s", name=self.name)
