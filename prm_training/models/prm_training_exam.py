# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models


class PrmTrainingExam(models.AbstractModel):
    """The certification exam of enrollments: a survey the contact sits.

    Every enrollment of a program with a survey gets its own invitation
    (``survey_answer_id``), its questions drawn and the contact's email and
    name answered upfront; the contact starts it from the portal
    (``exam_access_url``), the progress counts it once passed.
    """

    _name = "prm.training.exam"
    _description = "Training Certification Exam"

    @api.model
    def _prm_invite(self, enrollments):
        """One exam invitation (``survey.user_input``) per enrollment, in batch.

        Runs as superuser from the start of the enrollments: the invitations
        follow the same business checks as those sent from the survey.
        """
        enrollments = enrollments.filtered(lambda e: e.program_id.survey_id)
        if not enrollments:
            return
        Answer = self.env["survey.user_input"].sudo()
        fixed_questions = {}
        vals_list = []
        for enrollment in enrollments:
            survey = enrollment.program_id.survey_id.sudo()
            contact = enrollment.contact_id
            user = contact.with_context(active_test=False).user_ids[:1]
            # same business checks as an invitation sent from the survey
            survey._check_answer_creation(
                user, contact, contact.email, check_attempts=False
            )
            vals = {
                "survey_id": survey.id,
                "partner_id": contact.id,
                "email": user.email or contact.email,
                "nickname": user.name or contact.name,
                "test_entry": False,
            }
            if survey.is_attempts_limited and survey.access_mode != "public":
                vals["invite_token"] = Answer._generate_invite_token()
            if survey.questions_selection != "random":
                # random exams draw their questions per answer on create
                if survey not in fixed_questions:
                    fixed_questions[survey] = (
                        survey._prepare_user_input_predefined_questions()
                    )
                vals["predefined_question_ids"] = [
                    Command.set(fixed_questions[survey].ids)
                ]
            vals_list.append(vals)
        answers = Answer.create(vals_list)
        # exam questions that record the email or the name are answered upfront
        prefilled = enrollments.program_id.survey_id.question_ids.filtered(
            lambda q: q.question_type == "char_box"
            and (q.save_as_email or q.save_as_nickname)
        )
        for answer in answers if prefilled else ():
            for question in prefilled.filtered(
                lambda q, a=answer: q.survey_id == a.survey_id
            ):
                value = answer.email if question.save_as_email else answer.nickname
                if value:
                    answer._save_lines(question, value)
        # assignments are flushed as one UPDATE for all the enrollments
        for enrollment, answer in zip(enrollments, answers, strict=True):
            enrollment.survey_answer_id = answer
