# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.prm_partner.logic import certifications as cert_rules

from .common import PrmPortalSection


class PrmTrainingPortal(PrmPortalSection):
    def _prm_training_access(self):
        Enrollment = request.env.get("prm.training.enrollment")
        return Enrollment is not None and Enrollment.has_access("read")

    def _prm_open_programs(self, partner):
        """Programs the partner's contacts may take (its audience): active,
        meant for its stage, type and tier, with courses or an exam."""
        Program = request.env["prm.training.program"].sudo()
        targeted = Program.search([])._prm_targeted_partners(partner)
        return Program.browse(
            [
                program.id
                for program, partners in targeted.items()
                if partner in partners and (program.channel_ids or program.survey_id)
            ]
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_training_count" in counters:
            # enrollments, certificates and programs open to the partner: a
            # partner certified (or invited to train) but enrolled nowhere
            # yet still finds the page
            count = 0
            if self._prm_training_access():
                partner = request.env.user.commercial_partner_id
                env = request.env
                count = env["prm.training.enrollment"].search_count(
                    [("partner_id", "=", partner.id)]
                ) + env["prm.certification"].search_count(
                    [("partner_id", "=", partner.id)]
                )
                if not count and self._prm_is_partner():
                    count = len(self._prm_open_programs(self._prm_partner()))
            values["prm_training_count"] = count
        return values

    @http.route(["/my/trainings"], type="http", auth="user", website=True)
    def prm_portal_my_trainings(self, message=None, **kw):
        if not self._prm_training_access():
            return request.redirect("/my")
        env = request.env
        partner = env.user.commercial_partner_id
        enrollments = env["prm.training.enrollment"].search(
            [("partner_id", "=", partner.id)], order="date_enrolled desc", limit=200
        )
        certifications = env["prm.certification"].search(
            [("partner_id", "=", partner.id)], order="expiry_date desc", limit=200
        )
        programs = env["prm.training.program"].search([], limit=100)
        # the exam link is personal: only the enrolled contact sees it
        me = env.user.partner_id
        exam_urls = {
            enrollment.id: enrollment.exam_access_url
            for enrollment in enrollments
            if enrollment.contact_id == me and enrollment.exam_access_url
        }
        mine = {
            enrollment.program_id.id: enrollment
            for enrollment in enrollments.sudo()
            if enrollment.contact_id == me and enrollment.state != "cancelled"
        }
        open_programs = (
            self._prm_open_programs(self._prm_partner())
            if self._prm_is_partner()
            else env["prm.training.program"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_training",
                "enrollments": enrollments.sudo(),
                "exam_urls": exam_urls,
                "certifications": certifications.sudo(),
                "programs": programs.sudo(),
                "my_enrollments": mine,
                # certificate types the user holds: no need to enroll again
                "my_certified_type_ids": set(
                    certifications.sudo()
                    .filtered(
                        lambda c: c.contact_id == me and cert_rules.is_in_force(c.state)
                    )
                    .type_id.ids
                ),
                "open_program_ids": set(open_programs.ids),
                # required programs done by the company (its overall progress)
                "required_progress": self._prm_partner()
                if self._prm_is_partner()
                else None,
                "message": message,
            }
        )
        return request.render("prm_portal.portal_my_trainings", values)

    @http.route(
        ["/my/trainings/<int:program_id>/enroll"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def prm_portal_training_enroll(self, program_id, **kw):
        """The user enrolls in a program open to its partner."""
        partner = self._prm_require_partner()
        program = self._prm_open_programs(partner).filtered(
            lambda p: p.id == program_id
        )
        if not program:
            raise NotFound()
        Enrollment = request.env["prm.training.enrollment"].sudo()
        try:
            # checked above: the program is meant for the user's partner
            enrollment = Enrollment._prm_enroll(
                program, request.env.user.partner_id, "portal"
            )
            Enrollment.env.flush_all()
        except ValidationError:
            enrollment = Enrollment
        message = "enrolled" if enrollment else "already"
        return request.redirect(f"/my/trainings?message={message}")

    @http.route(
        ["/my/certificates/<int:certification_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_certificate(
        self, certification_id, report_type="pdf", download=False, **kw
    ):
        return self._prm_report(
            self._prm_check_access("prm.certification", certification_id),
            "prm_training.action_report_certificate",
            report_type,
            download,
        )
