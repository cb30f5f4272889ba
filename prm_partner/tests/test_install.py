from odoo.tests import TransactionCase, tagged

from odoo.addons.prm_partner.models.prm_onboarding_task import PARTNER_TYPES
from odoo.addons.prm_partner.tests.common import InstallChecks


@tagged("post_install", "-at_install")
class TestPrmPartnerInstall(InstallChecks, TransactionCase):
    module = "prm_partner"

    def test_partner_type_records_mirror_the_selection(self):
        records = self.env["prm.partner.type"].search([])
        self.assertEqual(
            [(r.code, r.name) for r in records], [tuple(t) for t in PARTNER_TYPES]
        )
