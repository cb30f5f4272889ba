# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.prm_partner import access

from ..logic import targeting

# Stage from which a program enrolls -> stages it targets.
ENROLL_STAGES = {
    "applicant": ("applicant", "onboarding", "active"),
    "onboarding": ("onboarding", "active"),
    "active": ("active",),
}


class PrmTrainingProgram(models.Model):
    _name = "prm.training.program"
    _description = "Partner Training Program"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Html(translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # audience
    enroll_stage = fields.Selection(
        [
            ("applicant", "Applicant"),
            ("onboarding", "Onboarding"),
            ("active", "Active"),
        ],
        string="Enroll From Stage",
        required=True,
        default="onboarding",
        help="Partners are enrolled when they reach this lifecycle stage "
        "(or a later one). Suspended and terminated partners never are.",
    )
    partner_type_ids = fields.Many2many(
        "prm.partner.type",
        string="Partner Types",
        help="Partner types the program is meant for. Empty: every type.",
    )
    tier_ids = fields.Many2many(
        "prm.tier",
        string="Tiers",
        check_company=True,
        help="Tiers the program is meant for. Empty: every tier.",
    )
    is_required = fields.Boolean(
        string="Required",
        help="The partners the program targets must have at least one "
        "contact certified by it.",
    )
    auto_enroll = fields.Boolean(
        string="Enroll Automatically",
        default=True,
        help="Enroll the contacts having a portal account when their partner "
        "reaches a targeted stage or tier.",
    )
    # content
    course_line_ids = fields.One2many(
        "prm.training.program.course", "program_id", string="Courses", copy=True
    )
    channel_ids = fields.Many2many(
        "slide.channel",
        string="Course List",
        compute="_compute_channel_ids",
        search="_search_channel_ids",
    )
    library_channel_ids = fields.Many2many(
        "slide.channel",
        "prm_training_program_library_rel",
        "program_id",
        "channel_id",
        string="Sales Library",
        domain=[("channel_type", "=", "documentation")],
        help="Documentation courses (price lists, roadmap, demos, FAQ, "
        "objection handling) opened to the contacts enrolled in the program.",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Certification Survey",
        domain=[("certification", "=", True)],
        help="Optional exam the contact must pass after the courses.",
    )
    certification_type_id = fields.Many2one(
        "prm.certification.type",
        required=True,
        check_company=True,
        help="Certification granted when the program is completed.",
    )
    validity_months = fields.Integer(
        related="certification_type_id.validity_months", string="Validity (months)"
    )
    lead_days = fields.Integer(
        string="Re-certification Lead Time (days)",
        default=30,
        help="How many days before expiry the contact is re-enrolled and " "reminded.",
    )
    # statistics
    enrollment_ids = fields.One2many("prm.training.enrollment", "program_id")
    enrollment_count = fields.Integer(compute="_compute_counts")
    completed_count = fields.Integer(compute="_compute_counts")

    @api.depends("course_line_ids.channel_id", "course_line_ids.sequence")
    def _compute_channel_ids(self):
        for program in self:
            program.channel_ids = program.course_line_ids.sorted().channel_id

    def _search_channel_ids(self, operator, value):
        return [("course_line_ids.channel_id", operator, value)]

    def _compute_counts(self):
        groups = self.env["prm.training.enrollment"]._read_group(
            [("program_id", "in", self.ids)], ["program_id", "state"], ["__count"]
        )
        counts = {}
        for program, state, count in groups:
            total, done = counts.get(program.id, (0, 0))
            counts[program.id] = (
                total + count,
                done + (count if state == "completed" else 0),
            )
        for program in self:
            program.enrollment_count, program.completed_count = counts.get(
                program.id, (0, 0)
            )

    @api.constrains("lead_days")
    def _check_lead_days(self):
        if any(program.lead_days < 0 for program in self):
            raise ValidationError(
                self.env._("The re-certification lead time cannot be negative.")
            )

    @api.constrains("course_line_ids", "survey_id")
    def _check_content(self):
        for program in self:
            if not program.course_line_ids and not program.survey_id:
                raise ValidationError(
                    self.env._(
                        "The program %(name)s needs at least one course or a "
                        "certification survey.",
                        name=program.name,
                    )
                )

    @api.constrains("library_channel_ids")
    def _check_library_visibility(self):
        self.library_channel_ids._prm_check_library_visibility()

    def write(self, vals):
        result = super().write(vals)
        if {"course_line_ids", "library_channel_ids"} & set(vals):
            self._prm_open_content_to_enrolled()
        return result

    def _prm_open_content_to_enrolled(self):
        """New courses or library entries reach the contacts already enrolled."""
        enrollments = (
            self.env["prm.training.enrollment"]
            .sudo()
            .search([("program_id", "in", self.ids), ("state", "!=", "cancelled")])
        )
        for program in self.sudo():
            mine = enrollments.filtered(lambda e, p=program: e.program_id == p)
            if not mine:
                continue
            library = program.library_channel_ids
            open_contacts = mine.filtered(
                lambda e: e.state in ("enrolled", "in_progress")
            ).contact_id
            if library:
                library._action_add_members(mine.contact_id)
            if program.channel_ids and open_contacts:
                program.channel_ids._action_add_members(open_contacts)
        enrollments._prm_refresh_progress()

    # ------------------------------------------------------------------
    # Targeting
    # ------------------------------------------------------------------

    def _prm_audiences(self):
        """Targeting descriptions of the programs, for the logic module."""
        return [
            targeting.make_audience(
                program.id,
                stages=ENROLL_STAGES.get(program.enroll_stage, ()),
                partner_types=program.partner_type_ids.mapped("code"),
                tier_ids=program.tier_ids.ids,
                required=program.is_required,
                active=program.active,
            )
            for program in self
        ]

    @api.model
    def _prm_profile(self, partner, values=None):
        """Targeting profile of a company partner (``values`` override it)."""
        values = values or {}
        return targeting.PartnerProfile(
            partner_id=partner.id,
            is_partner=values.get("prm_is_partner", partner.prm_is_partner),
            stage=values.get("prm_stage", partner.prm_stage) or "",
            partner_type=values.get("prm_partner_type", partner.prm_partner_type) or "",
            tier_id=values.get("prm_tier_id", partner.prm_tier_id.id) or 0,
        )

    def _prm_targeted_partners(self, partners=None):
        """{program: company partners it targets}, among ``partners``."""
        self_sudo = self.sudo()
        if partners is None:
            partners = self.env["res.partner"].search(
                [("prm_is_partner", "=", True), ("is_company", "=", True)]
            )
        audiences = self_sudo._prm_audiences()
        result = {program: self.env["res.partner"] for program in self}
        for partner in partners:
            profile = self._prm_profile(partner)
            for program_id in targeting.programs_for(audiences, profile):
                program = self.browse(program_id)
                if partner.company_id and partner.company_id != program.company_id:
                    continue
                result[program] |= partner
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_enroll_targeted(self):
        """Enroll the portal contacts of every partner the programs target."""
        access.require(self.env, access.MANAGER)
        enrollments = self.env["prm.training.enrollment"]
        for program, partners in self._prm_targeted_partners().items():
            contacts = partners._prm_training_contacts()
            enrollments |= enrollments._prm_enroll(program, contacts, reason="auto")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s contacts enrolled.", count=len(enrollments)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_enrollments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_training.prm_training_enrollment_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action
