from odoo.tests import TransactionCase, tagged

from odoo.addons.prm_partner.tests.common import InstallChecks


@tagged("post_install", "-at_install")
class TestPrmTrainingInstall(InstallChecks, TransactionCase):
    module = "prm_training"
