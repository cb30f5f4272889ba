# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PrmPartnerCase

SECRET_EXPRESSION = (
    "<p>Key: <t t-out=\"object.env['ir.config_parameter'].sudo()"
    ".get_param('database.secret')\"/></p>"
)


@tagged("post_install", "-at_install")
class TestAgreementTemplateSecurity(PrmPartnerCase):
    """Agreement templates never run code for users outside template editors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Restricted template rendering, as Odoo's setting does it: internal
        # users no longer imply the template editor group.
        cls.env["ir.config_parameter"].set_param(
            "mail.restrict.template.rendering", True
        )
        cls.editor_group = cls.env.ref("mail.group_mail_template_editor")
        cls.manager.groups_id -= cls.editor_group
        cls.editor = new_test_user(
            cls.env,
            login="prm_test_template_editor",
            groups="prm_partner.group_prm_manager,mail.group_mail_template_editor",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.partner = cls._prm_partner("Công ty Ánh Dương")
        cls.secret = cls.env["ir.config_parameter"].get_param("database.secret")

    def _agreement_values(self, template):
        return {
            "partner_id": self.partner.id,
            "type_id": self.agreement_type.id,
            "template_id": template.id,
            "date_start": date(2026, 1, 1),
            "date_end": date(2026, 12, 31),
        }

    def _agreement(self, template, user=None):
        """The agreement ``user`` (default: the manager) makes from ``template``."""
        return (
            self.env["prm.agreement"]
            .with_user(user or self.manager)
            .create(self._agreement_values(template))
        )

    def _editor_template(self, body):
        """A template with ``body`` as the template editor saves it."""
        return (
            self.env["prm.agreement.template"]
            .with_user(self.editor)
            .create(
                {
                    "name": "Editor terms",
                    "type_id": self.agreement_type.id,
                    "body": body,
                }
            )
        )

    def test_manager_is_not_template_editor(self):
        self.assertTrue(self.manager.has_group("prm_partner.group_prm_manager"))
        self.assertFalse(self.manager.has_group("mail.group_mail_template_editor"))

    def test_manager_cannot_write_code_in_template(self):
        Template = self.env["prm.agreement.template"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Template.create(
                {
                    "name": "Leaky terms",
                    "type_id": self.agreement_type.id,
                    "body": SECRET_EXPRESSION,
                }
            )
        template = Template.create(
            {
                "name": "Plain terms",
                "type_id": self.agreement_type.id,
                "body": '<p>For <t t-out="object.partner_id.name"/></p>',
            }
        )
        with self.assertRaises(AccessError):
            template.write({"body": SECRET_EXPRESSION})

    def test_manager_field_placeholders_render(self):
        template = (
            self.env["prm.agreement.template"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Plain terms",
                    "type_id": self.agreement_type.id,
                    "body": '<p>Agreement with <t t-out="object.partner_id.name"/>'
                    ' from <t t-out="object.date_start"/></p>',
                }
            )
        )
        agreement = self._agreement(template)
        self.assertIn("Agreement with Công ty Ánh Dương", agreement.body)
        # the date as the partner reads it (en_US), not the ISO string
        self.assertIn("01/01/2026", agreement.body)
        self.assertNotIn("2026-01-01", agreement.body)

    def test_manager_may_hide_empty_fields_but_not_run_code(self):
        Template = self.env["prm.agreement.template"].with_user(self.manager)
        template = Template.create(
            {
                "name": "Terms with an optional tax ID",
                "type_id": self.agreement_type.id,
                "body": '<p>For <t t-out="object.partner_id.name"/>'
                '<t t-if="object.partner_id.vat"> (tax ID '
                '<t t-out="object.partner_id.vat"/>)</t></p>',
            }
        )
        agreement = self._agreement(template)
        self.assertIn("<p>For Công ty Ánh Dương</p>", agreement.body)
        with self.assertRaises(AccessError):
            Template.create(
                {
                    "name": "Condition on code",
                    "type_id": self.agreement_type.id,
                    "body": '<p t-if="object.env.user.login">x</p>',
                }
            )

    def test_code_in_template_never_runs_for_non_editor(self):
        # A template editor may store an expression; a non-editor rendering it
        # is refused instead of running it (as superuser or otherwise).
        template = self._editor_template(SECRET_EXPRESSION)
        Agreement = self.env["prm.agreement"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Agreement.create(self._agreement_values(template))
        agreement = Agreement.create(
            dict(self._agreement_values(template), template_id=False)
        )
        agreement.template_id = template
        with self.assertRaises(AccessError):
            agreement.action_render()
        self.assertNotIn(self.secret, agreement.body or "")

    def test_template_editor_renders_expressions(self):
        template = self._editor_template(
            '<p><t t-out="object.partner_id.name.upper()"/></p>'
        )
        agreement = self._agreement(template, self.editor)
        self.assertIn("CÔNG TY ÁNH DƯƠNG", agreement.body)

    def test_template_body_is_sanitised(self):
        template = self.env["prm.agreement.template"].create(
            {
                "name": "Scripted terms",
                "type_id": self.agreement_type.id,
                "body": '<p>Terms<script>alert("x")</script></p>'
                '<p><t t-out="object.partner_id.name"/></p>',
            }
        )
        self.assertNotIn("<script", template.body)
        self.assertIn('t-out="object.partner_id.name"', template.body)
