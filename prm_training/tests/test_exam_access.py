# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import PrmTrainingCase


@tagged("post_install", "-at_install")
class TestPrmTrainingExamAccess(HttpCase, PrmTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program.survey_id = cls._create_exam()
        cls.enrollment = cls.env["prm.training.enrollment"]._prm_enroll(
            cls.program, cls.contact
        )

    def test_contact_is_sent_to_own_exam(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self.url_open(self.enrollment.exam_access_url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn(
            self.enrollment.survey_answer_id.access_token,
            response.headers["Location"],
        )

    def test_colleague_gets_not_found(self):
        colleague = self._colleague()
        self.authenticate(colleague.login, colleague.login)
        response = self.url_open(self.enrollment.exam_access_url, allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.enrollment.survey_answer_id.access_token, response.text)
        # nor can a contact of another partner
        other = self.other_portal_user
        self.authenticate(other.login, other.login)
        response = self.url_open(
            f"/my/trainings/exam/{self.enrollment.id}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 404)
