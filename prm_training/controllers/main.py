# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request


class PrmCertificationVerification(http.Controller):
    """Public page answering whether a certificate code is genuine.

    It answers valid, expired, revoked or unknown and nothing else: no name,
    no partner, no date, so that codes cannot be used to harvest data.
    """

    @http.route(
        ["/prm/certification/verify", "/prm/certification/verify/<string:code>"],
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        methods=["GET"],
    )
    def prm_certification_verify(self, code=None, **kwargs):
        status = False
        if code:
            status = request.env["prm.certification"]._prm_verification_status(code)
        return request.render(
            "prm_training.certification_verify_page",
            {"code": (code or "")[:64], "status": status},
        )


class PrmTrainingExam(http.Controller):
    """Portal access of a contact to their own certification exam."""

    @http.route(
        ["/my/trainings/exam/<int:enrollment_id>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
        methods=["GET"],
    )
    def prm_training_exam(self, enrollment_id, **kwargs):
        enrollment = request.env["prm.training.enrollment"].browse(enrollment_id)
        url = enrollment._prm_exam_start_url(request.env.user)
        if not url:
            raise NotFound()
        return request.redirect(url)
