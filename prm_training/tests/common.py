# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command

from odoo.addons.prm_partner.tests.common import PrmCase


def course_values(name, slides=1):
    """A published training course on invitation with ``slides`` lessons."""
    return {
        "name": name,
        "channel_type": "training",
        "visibility": "members",
        "enroll": "invite",
        "is_published": True,
        "slide_ids": [
            Command.create(
                {
                    "name": f"{name} lesson {index}",
                    "slide_category": "article",
                    "html_content": "<p>Lesson</p>",
                    "is_published": True,
                }
            )
            for index in range(slides)
        ],
    }


def exam_values(name):
    """A certification exam of one question, passed with the right answer."""
    return {
        "title": name,
        "certification": True,
        "scoring_type": "scoring_without_answers",
        "scoring_success_min": 50.0,
        "access_mode": "token",
        "question_and_page_ids": [
            Command.create(
                {
                    "title": "Who sells best?",
                    "question_type": "simple_choice",
                    "suggested_answer_ids": [
                        Command.create(
                            {
                                "value": "A certified partner",
                                "is_correct": True,
                                "answer_score": 10,
                            }
                        ),
                        Command.create({"value": "Nobody", "answer_score": 0}),
                    ],
                }
            )
        ],
    }


class PrmTrainingCase(PrmCase):
    """prm_training's own data on top of PrmCase: a certification type, two
    channel partners with a portal contact each, two courses, a library and
    a program."""

    # the courses and exams are pages of the main company's website
    prm_own_company = False
    prm_login_prefix = "prm_training"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cert_type = cls.env["prm.certification.type"].create(
            {"name": "Sales Certified T", "validity_months": 12, "scope": "contact"}
        )
        cls.course_1 = cls._create_course("Selling 101 T", slides=2)
        cls.course_2 = cls._create_course("Product Basics T", slides=1)
        cls.library = cls.env["slide.channel"].create(
            {
                "name": "Price Lists T",
                "channel_type": "documentation",
                "visibility": "members",
                "enroll": "invite",
                "is_published": True,
                "slide_ids": [
                    Command.create(
                        {
                            "name": "2026 price list",
                            "slide_category": "article",
                            "html_content": "<p>Prices</p>",
                            "is_published": True,
                        }
                    )
                ],
            }
        )
        cls.program = cls.env["prm.training.program"].create(
            {
                "name": "Sales Associate T",
                "enroll_stage": "onboarding",
                "certification_type_id": cls.cert_type.id,
                "lead_days": 30,
                "is_required": True,
                "course_line_ids": [
                    Command.create({"channel_id": cls.course_1.id, "sequence": 1}),
                    Command.create({"channel_id": cls.course_2.id, "sequence": 2}),
                ],
                "library_channel_ids": [Command.link(cls.library.id)],
            }
        )

    @classmethod
    def _prm_setup_partners(cls):
        cls.company_partner = cls._prm_partner(
            "Reseller Co T",
            prm_stage="applicant",
            email="info@reseller-co.example.com",
        )
        cls.portal_user = cls._prm_portal_user(
            cls.company_partner,
            login="prm_training_portal",
            name="Portal Contact T",
            email="contact@reseller-co.example.com",
        )
        cls.contact = cls.portal_user.partner_id
        cls.other_partner = cls._prm_partner(
            "Other Co T", prm_partner_type="distributor", prm_stage="active"
        )
        cls.other_portal_user = cls._prm_portal_user(
            cls.other_partner,
            login="prm_training_portal_other",
            name="Other Contact T",
            email="contact@other-co.example.com",
        )

    @classmethod
    def _create_course(cls, name, slides=1):
        return cls.env["slide.channel"].create(course_values(name, slides))

    @classmethod
    def _create_exam(cls, name="Sales Exam T"):
        return cls.env["survey.survey"].create(exam_values(name))

    def _colleague(self):
        """A second portal contact of the same partner."""
        return self._prm_portal_user(
            self.company_partner,
            login="prm_training_portal_colleague",
            name="Colleague T",
            email="colleague@reseller-co.example.com",
        )

    def _enroll(self, program=None, contact=None):
        return (
            self.env["prm.training.enrollment"]
            .with_user(self.manager)
            ._prm_enroll(program or self.program, contact or self.contact)
        )

    def _complete_course(self, course, user=None):
        """Complete every lesson of ``course`` as the portal user would."""
        user = user or self.portal_user
        course.with_user(user).slide_ids.action_mark_completed()

    def _answer_exam(self, survey, user=None, correct=True):
        user = user or self.portal_user
        answer = survey.sudo()._create_answer(user=user, check_attempts=False)
        question = survey.question_ids[:1]
        choice = question.suggested_answer_ids.filtered(
            lambda a: bool(a.is_correct) == correct
        )[:1]
        answer._save_lines(question, choice.id)
        answer._mark_done()
        return answer
