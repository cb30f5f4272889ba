from odoo.tests import TransactionCase, tagged

from odoo.addons.prm_partner.tests.common import InstallChecks


@tagged("post_install", "-at_install")
class TestPrmCommissionInstall(InstallChecks, TransactionCase):
    module = "prm_commission"
