from odoo.tests import tagged

from odoo.addons.prm_partner.tests.common import InstallCheckCase


@tagged("post_install", "-at_install")
class TestPrmPortalInstall(InstallCheckCase):
    module = "prm_portal"
