# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PrmTrainingEnrollWizard(models.TransientModel):
    _name = "prm.training.enroll.wizard"
    _description = "Enroll Partner Contacts into a Training Program"

    program_id = fields.Many2one("prm.training.program", required=True)
    partner_ids = fields.Many2many(
        "res.partner",
        "prm_training_enroll_wizard_partner_rel",
        string="Partners",
        domain=[("is_company", "=", True)],
        help="Every contact of these partners is enrolled.",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "prm_training_enroll_wizard_contact_rel",
        string="Contacts",
        compute="_compute_contact_ids",
        store=True,
        readonly=False,
        help="Contacts without portal access receive an invitation.",
    )

    @api.depends("partner_ids")
    def _compute_contact_ids(self):
        for wizard in self:
            contacts = wizard.partner_ids.child_ids.filtered(
                lambda c: c.type == "contact" and c.active
            )
            wizard.contact_ids = contacts | wizard.partner_ids.filtered(
                lambda p: not p.is_company
            )

    def action_enroll(self):
        self.ensure_one()
        if not self.contact_ids:
            raise UserError(self.env._("Select at least one contact to enroll."))
        internal = self.contact_ids.filtered(
            lambda c: any(not user.share for user in c.user_ids)
        )
        contacts = self.contact_ids - internal
        if not contacts:
            raise UserError(
                self.env._("Only partner contacts can be enrolled, not employees.")
            )
        enrollments = self.env["prm.training.enrollment"]._prm_enroll(
            self.program_id, contacts, reason="manual"
        )
        if not enrollments:
            raise UserError(
                self.env._("These contacts are already following the program.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_training.prm_training_enrollment_action"
        )
        action["domain"] = [("id", "in", enrollments.ids)]
        return action
