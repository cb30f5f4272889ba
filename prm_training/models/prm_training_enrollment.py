# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.prm_partner import access
from odoo.addons.prm_partner.logic import certifications as cert_rules

from ..logic import targeting

OPEN_STATES = ("enrolled", "in_progress")


class PrmTrainingEnrollment(models.Model):
    """A contact of a channel partner following a training program."""

    _name = "prm.training.enrollment"
    _description = "Partner Training Enrollment"
    _inherit = ["mail.thread"]
    _order = "date_enrolled desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    program_id = fields.Many2one(
        "prm.training.program",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    # Training history survives: a contact with enrollments is archived, not
    # deleted.
    contact_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        compute="_compute_partner_id",
        store=True,
        index=True,
        help="The channel partner (company) of the contact.",
    )
    company_id = fields.Many2one(
        related="program_id.company_id", store=True, index=True
    )
    state = fields.Selection(
        [
            ("enrolled", "Enrolled"),
            ("in_progress", "In Progress"),
            ("completed", "Completed"),
            ("cancelled", "Cancelled"),
        ],
        default="enrolled",
        required=True,
        tracking=True,
    )
    reason = fields.Selection(
        [
            ("auto", "Stage or Tier Reached"),
            ("manual", "Enrolled by a Manager"),
            ("renewal", "Re-certification"),
        ],
        default="manual",
        required=True,
    )
    date_enrolled = fields.Datetime(
        string="Enrolled On", default=fields.Datetime.now, required=True
    )
    date_completed = fields.Date(string="Completed On", readonly=True)
    courses_total = fields.Integer(readonly=True)
    courses_done = fields.Integer(readonly=True)
    survey_required = fields.Boolean(readonly=True)
    survey_passed = fields.Boolean(readonly=True)
    progress = fields.Float(
        string="Progress (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    # The answer token lets anybody sit the exam in the contact's name: only
    # PRM users see it; a contact reaches their own exam through
    # ``exam_access_url``, which checks who asks.
    survey_answer_id = fields.Many2one(
        "survey.user_input",
        string="Survey Invitation",
        readonly=True,
        copy=False,
        groups="prm_partner.group_prm_user",
    )
    survey_url = fields.Char(
        compute="_compute_survey_url", groups="prm_partner.group_prm_user"
    )
    exam_access_url = fields.Char(
        string="Exam Link",
        compute="_compute_exam_access_url",
        help="Portal address from which the enrolled contact, and only them, "
        "starts the certification exam.",
    )
    certification_ids = fields.One2many(
        "prm.certification", "training_enrollment_id", readonly=True
    )
    certification_id = fields.Many2one(
        "prm.certification",
        string="Issued Certification",
        compute="_compute_certification_id",
        store=True,
    )
    renewal_of_id = fields.Many2one(
        "prm.certification",
        string="Renews Certification",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    @api.depends("program_id.name", "contact_id.name")
    def _compute_name(self):
        for enrollment in self:
            enrollment.name = " - ".join(
                filter(None, [enrollment.contact_id.name, enrollment.program_id.name])
            )

    @api.depends("contact_id.commercial_partner_id")
    def _compute_partner_id(self):
        for enrollment in self:
            enrollment.partner_id = enrollment.contact_id.commercial_partner_id

    @api.depends("certification_ids")
    def _compute_certification_id(self):
        for enrollment in self:
            enrollment.certification_id = enrollment.certification_ids[:1]

    @api.depends("survey_answer_id")
    def _compute_survey_url(self):
        for enrollment in self:
            answer = enrollment.survey_answer_id.sudo()
            enrollment.survey_url = (
                enrollment.get_base_url() + answer.get_start_url()
                if answer and answer.survey_id
                else False
            )

    @api.depends("survey_answer_id", "state")
    def _compute_exam_access_url(self):
        for enrollment in self:
            open_exam = enrollment.state in OPEN_STATES and bool(
                enrollment.sudo().survey_answer_id
            )
            enrollment.exam_access_url = (
                f"/my/trainings/exam/{enrollment.id}" if open_exam else False
            )

    _sql_constraints = [
        # one open enrollment per contact and program, whatever writes it
        (
            "single_open_enrollment",
            "EXCLUDE USING btree (program_id WITH =, contact_id WITH =) "
            "WHERE (state IN ('enrolled', 'in_progress'))",
            "This contact is already following this program.",
        ),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_only_cancelled(self):
        if self.filtered(lambda e: e.state != "cancelled" or e.certification_ids):
            raise UserError(
                self.env._(
                    "Enrollments are the training history of the partner: cancel "
                    "an open enrollment instead of deleting it; completed ones and "
                    "those that issued a certification are kept."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        enrollments = super().create(vals_list)
        enrollments._prm_start()
        return enrollments

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_cancel(self):
        access.require(self.env, access.MANAGER)
        to_cancel = self.filtered(lambda e: e.state in OPEN_STATES)
        to_cancel.write({"state": "cancelled"})
        to_cancel._prm_revoke_library_access()

    def _prm_revoke_library_access(self):
        """Close the sales library to contacts no longer enrolled anywhere.

        A contact keeps a library course while any of their enrollments (not
        cancelled) is in a program listing it.
        """
        channels = self.sudo().program_id.library_channel_ids
        if not channels:
            return
        remaining = self.sudo().search(
            [
                ("contact_id", "in", self.contact_id.ids),
                ("state", "!=", "cancelled"),
                ("program_id.library_channel_ids", "in", channels.ids),
            ]
        )
        kept = {
            (channel.id, enrollment.contact_id.id)
            for enrollment in remaining
            for channel in enrollment.program_id.library_channel_ids
        }
        memberships = (
            self.env["slide.channel.partner"]
            .sudo()
            .search(
                [
                    ("channel_id", "in", channels.ids),
                    ("partner_id", "in", self.contact_id.ids),
                ]
            )
        )
        memberships.filtered(
            lambda m: (m.channel_id.id, m.partner_id.id) not in kept
        ).unlink()

    def action_refresh_progress(self):
        access.require(self.env, access.USER)
        self._prm_refresh_progress()

    def _prm_exam_start_url(self, user):
        """Start address of the exam, for ``user`` only if it is their own.

        Returns False when the enrollment is not the user's (a colleague of
        the same partner included), is closed or has no exam.
        """
        self.ensure_one()
        enrollment = self.sudo()
        if (
            not enrollment.exists()
            or enrollment.contact_id != user.partner_id
            or enrollment.state not in OPEN_STATES
            or not enrollment.survey_answer_id.survey_id
        ):
            return False
        return enrollment.survey_answer_id.get_start_url()

    def action_view_certification(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "prm.certification",
            "res_id": self.certification_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Enrollment
    # ------------------------------------------------------------------

    @api.model
    def _prm_enroll(self, program, contacts, reason="manual", renewals=None):
        """Enroll ``contacts`` into ``program``, skipping open enrollments.

        ``renewals`` maps a contact id to the certification being renewed.
        Returns the new enrollments.
        """
        renewals = renewals or {}
        if not contacts:
            return self.browse()
        existing = self.sudo().search(
            [
                ("program_id", "=", program.id),
                ("contact_id", "in", contacts.ids),
                ("state", "in", OPEN_STATES + ("completed",)),
            ]
        )
        # open enrollments, and certifications still valid, are not redone
        # (re-certification enrolls explicitly through ``renewals``)
        skip = set(
            existing.filtered(
                lambda e: e.state in OPEN_STATES
                or (
                    e.contact_id.id not in renewals
                    and cert_rules.is_in_force(e.certification_id.state)
                )
            ).contact_id.ids
        )
        pairs = targeting.enrollment_pairs(
            [program.id], contacts.ids, {(program.id, contact) for contact in skip}
        )
        vals_list = [
            {
                "program_id": program_id,
                "contact_id": contact_id,
                "reason": reason,
                "renewal_of_id": renewals.get(contact_id, False),
            }
            for program_id, contact_id in pairs
        ]
        return self.create(vals_list)

    def _prm_start(self):
        """Open the courses, the sales library and the survey to the contacts.

        Runs as superuser once the enrollment itself was allowed: managers
        need not be eLearning or survey officers to enroll partners.
        """
        self.sudo().with_context(prm_training_no_refresh=True)._prm_start_sudo()

    def _prm_start_sudo(self):
        self._prm_invite_missing_users()
        by_program = defaultdict(lambda: self.env["res.partner"])
        for enrollment in self:
            by_program[enrollment.program_id] |= enrollment.contact_id
        renewed = self.filtered("renewal_of_id")
        previous = self.search(
            [
                ("program_id", "in", self.program_id.ids),
                ("contact_id", "in", self.contact_id.ids),
                ("state", "=", "completed"),
                ("id", "not in", self.ids),
            ]
        )
        done_before = {(e.program_id.id, e.contact_id.id) for e in previous}
        redo = self.filtered(
            lambda e: e.renewal_of_id
            or (e.program_id.id, e.contact_id.id) in done_before
        )
        if redo:
            redo._prm_reset_course_progress()
        for program, contacts in by_program.items():
            channels = (program.channel_ids | program.library_channel_ids).sudo()
            if channels:
                channels._action_add_members(contacts)
        self.env["prm.training.exam"]._prm_invite(self)
        self._prm_refresh_progress()
        for xmlid, enrollments in (
            ("prm_training.mail_template_enrollment", self - renewed),
            ("prm_training.mail_template_expiry_reminder", renewed),
        ):
            template = self.env.ref(xmlid, raise_if_not_found=False)
            if template and enrollments:
                template.sudo().send_mail_batch(enrollments.ids)

    def _prm_invite_missing_users(self):
        """Give portal access (with its invitation mail) to contacts without user."""
        contacts = self.contact_id.filtered(
            lambda c: not c.with_context(active_test=False).user_ids
        )
        if not contacts:
            return
        without_email = contacts.filtered(lambda c: not c.email)
        if without_email:
            raise UserError(
                self.env._(
                    "These contacts need an email address to receive their "
                    "portal invitation: %(names)s",
                    names=", ".join(without_email.mapped("display_name")),
                )
            )
        wizard = (
            self.env["portal.wizard"]
            .sudo()
            .create({"partner_ids": [fields.Command.set(contacts.ids)]})
        )
        for wizard_user in wizard.user_ids:
            wizard_user.action_grant_access()

    def _prm_reset_course_progress(self):
        """Re-certification: the contact follows the courses again."""
        memberships = (
            self.env["slide.channel.partner"]
            .sudo()
            .search(
                [
                    ("channel_id", "in", self.program_id.channel_ids.ids),
                    ("partner_id", "in", self.contact_id.ids),
                ]
            )
        )
        wanted = {(e.program_id.id, e.contact_id.id) for e in self}
        memberships = memberships.filtered(
            lambda m: any(
                (program.id, m.partner_id.id) in wanted
                for program in self.program_id
                if m.channel_id in program.channel_ids
            )
        )
        if not memberships:
            return
        slide_partners = (
            self.env["slide.slide.partner"]
            .sudo()
            .search(
                [
                    ("channel_id", "in", memberships.channel_id.ids),
                    ("partner_id", "in", memberships.partner_id.ids),
                    ("completed", "=", True),
                ]
            )
        )
        pairs = {(m.channel_id.id, m.partner_id.id) for m in memberships}
        slide_partners.filtered(
            lambda sp: (sp.channel_id.id, sp.partner_id.id) in pairs
        ).write({"completed": False})
        memberships.write({"member_status": "joined"})
        memberships._recompute_completion()

    # ------------------------------------------------------------------
    # Progress (prm.training.progress) and re-certification
    # (prm.training.renewal)
    # ------------------------------------------------------------------

    def _prm_refresh_progress(self):
        """Recompute progress of open enrollments and issue certifications."""
        self.env["prm.training.progress"]._prm_refresh(self)

    @api.model
    def _cron_prm_renew_certifications(self):
        """Re-enroll and remind contacts whose certification expires soon."""
        return self.env["prm.training.renewal"]._prm_renew_due()
