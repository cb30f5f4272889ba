# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.prm_partner.logic import certifications as cert_rules

from ..logic import progress, targeting

TARGETING_FIELDS = ("prm_is_partner", "prm_stage", "prm_tier_id", "prm_partner_type")


class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_training_enrollment_ids = fields.One2many(
        "prm.training.enrollment",
        "partner_id",
        string="Training Enrollments",
    )
    prm_training_required_count = fields.Integer(
        string="Required Programs",
        compute="_compute_prm_training_progress",
    )
    prm_training_required_done_count = fields.Integer(
        string="Required Programs Done",
        compute="_compute_prm_training_progress",
    )
    prm_training_progress = fields.Float(
        string="Training Progress (%)",
        compute="_compute_prm_training_progress",
        help="Share of the required programs for which at least one contact "
        "holds a valid certification.",
    )
    prm_training_certified_count = fields.Integer(
        string="Contacts Certified by Training",
        compute="_compute_prm_training_progress",
    )
    prm_satisfaction_on = fields.Date(
        string="Satisfaction Computed On",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The day the satisfaction scores of the partner were last computed.",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_prm_training_history(self):
        """Training history outlives the contact: archive it instead."""
        Enrollment = self.env["prm.training.enrollment"].sudo()
        if Enrollment.search_count([("contact_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._(
                    "These contacts followed partner trainings; their enrollments "
                    "are kept: archive the contacts instead of deleting them."
                )
            )

    def _compute_prm_training_progress(self):
        companies = self.filtered("prm_is_partner")
        (self - companies).update(
            {
                "prm_training_required_count": 0,
                "prm_training_required_done_count": 0,
                "prm_training_progress": 0.0,
                "prm_training_certified_count": 0,
            }
        )
        if not companies:
            return
        programs = (
            self.env["prm.training.program"].sudo().search([("is_required", "=", True)])
        )
        audiences = programs._prm_audiences()
        certifications = (
            self.env["prm.certification"]
            .sudo()
            .search_read(
                [
                    ("partner_id", "in", companies.ids),
                    ("source", "=", "training"),
                    *cert_rules.in_force_domain(),
                    ("training_enrollment_id", "!=", False),
                ],
                ["partner_id", "contact_id", "training_program_id"],
            )
        )
        done = defaultdict(set)
        certified = defaultdict(set)
        for row in certifications:
            partner_id = row["partner_id"][0]
            if row["training_program_id"]:
                done[partner_id].add(row["training_program_id"][0])
            if row["contact_id"]:
                certified[partner_id].add(row["contact_id"][0])
        for partner in companies:
            profile = programs._prm_profile(partner)
            required = targeting.required_programs_for(audiences, profile)
            result = progress.partner_progress(
                required, done[partner.id], certified[partner.id]
            )
            partner.prm_training_required_count = result.required_total
            partner.prm_training_required_done_count = result.required_done
            partner.prm_training_progress = result.percent
            partner.prm_training_certified_count = result.certified_contacts

    def write(self, vals):
        watched = [name for name in TARGETING_FIELDS if name in vals]
        if not watched or self.env.context.get("prm_training_no_auto_enroll"):
            return super().write(vals)
        # nested writes (per-record stage changes of prm_partner) are handled
        # here once for the whole batch; tier evaluation writes its new tiers
        # through here too, one write per tier reached
        inner = self.with_context(prm_training_no_auto_enroll=True)
        programs = (
            self.env["prm.training.program"].sudo().search([("auto_enroll", "=", True)])
        )
        companies = self.filtered(lambda p: p.is_company or p.prm_is_partner)
        before = {p.id: programs._prm_profile(p) for p in companies}
        result = super(ResPartner, inner).write(vals)
        if programs and companies:
            companies._prm_training_auto_enroll(programs, before)
        return result

    def _prm_training_auto_enroll(self, programs, before):
        """Enroll contacts into the programs a stage/tier change opened."""
        audiences = programs._prm_audiences()
        contacts_by_program = defaultdict(lambda: self.env["res.partner"])
        for partner in self:
            after = programs._prm_profile(partner)
            for program_id in targeting.newly_targeted(
                audiences, before.get(partner.id), after
            ):
                program = programs.browse(program_id)
                if partner.company_id and partner.company_id != program.company_id:
                    continue
                contacts_by_program[program] |= partner._prm_training_contacts()
        Enrollment = self.env["prm.training.enrollment"].sudo()
        for program, contacts in contacts_by_program.items():
            Enrollment._prm_enroll(program, contacts, reason="auto")

    def _prm_training_contacts(self):
        """Contacts of these partners who have a (portal or internal) user."""
        contacts = self.browse()
        for partner in self:
            candidates = partner.child_ids.filtered(
                lambda c: c.type == "contact" and any(u.share for u in c.user_ids)
            )
            if any(user.share for user in partner.user_ids):
                candidates |= partner
            contacts |= candidates
        return contacts

    def action_prm_training_enroll(self):
        """Open the enrollment wizard for these partners."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_training.prm_training_enroll_wizard_action"
        )
        action["context"] = {"default_partner_ids": self.ids}
        return action

    def action_prm_view_training(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_training.prm_training_enrollment_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        return action
