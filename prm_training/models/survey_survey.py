# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Satisfaction surveys: the partners' own contacts (NPS) on a schedule, the
end customers of the deals partners won (CSAT) once each."""

import datetime

from odoo import api, fields, models
from odoo.tools import SQL

#: A partner contact is asked again after this many days at the earliest.
PARTNER_SURVEY_DAYS = 90
#: Deals won in the last days get their customer survey.
CUSTOMER_SURVEY_DAYS = 30


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    prm_feedback_kind = fields.Selection(
        [
            ("partner", "Partner Satisfaction"),
            ("customer", "Customer Satisfaction"),
        ],
        string="PRM Feedback",
        help="Partner satisfaction: sent on a schedule to the contacts of "
        "active channel partners, its first 0-10 scale question makes the "
        "NPS. Customer satisfaction: sent to the end customers of the deals "
        "partners win, its first scale question makes the partner's CSAT.",
    )

    def _prm_invite(self, rows):
        """Create the invitations of ``rows`` ((contact, channel partner,
        lead or None) for this survey) and mail them, in one batch."""
        self.ensure_one()
        answers = (
            self.env["survey.user_input"]
            .sudo()
            .create(
                [
                    {
                        "survey_id": self.id,
                        "partner_id": contact.id,
                        "email": contact.email,
                        "prm_partner_id": partner.id,
                        "prm_lead_id": lead.id if lead else False,
                    }
                    for contact, partner, lead in rows
                ]
            )
        )
        if answers:
            self.env.ref(
                "survey.mail_template_user_input_invite"
            ).sudo().send_mail_batch(answers.ids)
        return answers

    def _prm_not_in_answers(self, field, domain):
        """A domain value: the ``field`` values of this survey's answers
        matching ``domain`` (a sub-query), for a ``not in``."""
        query = (
            self.env["survey.user_input"]
            .sudo()
            ._search([("survey_id", "=", self.id), (field, "!=", False), *domain])
        )
        return query.subselect(SQL.identifier(query.table, field))

    def _prm_invite_runs(self, job, records, domain, rows):
        """Invite the ``records`` of ``domain`` (a function of this survey and
        the run's start) by chunks, survey after survey: an invited record
        has an answer and leaves the domain. ``rows(records)`` gives the
        rows of :meth:`_prm_invite`. Returns the answers created."""
        answers = []
        for survey in self:

            def process(chunk, started, survey=survey):
                created = survey._prm_invite(rows(chunk))
                answers.append(created)
                return len(created)

            self.env["prm.batch.runner"]._prm_batch_run(
                job,
                records,
                lambda started, survey=survey: domain(survey, started),
                process,
            )
        return self.env["survey.user_input"].browse(
            [answer.id for chunk in answers for answer in chunk]
        )

    @api.model
    def _cron_send_partner_surveys(self, today=None):
        """Each contact of an active partner with an e-mail, not asked in the
        last 90 days; by chunks (setting ``prm_training.partner_surveys.
        chunk_size``)."""

        def domain(survey, started):
            now = fields.Datetime.to_datetime(today) if today else started
            since = now - datetime.timedelta(days=PARTNER_SURVEY_DAYS)
            asked = survey._prm_not_in_answers(
                "partner_id", [("create_date", ">=", since)]
            )
            return [
                ("parent_id.prm_is_partner", "=", True),
                ("parent_id.prm_stage", "=", "active"),
                ("parent_id.is_company", "=", True),
                ("email", "!=", False),
                ("id", "not in", asked),
            ]

        return self.search([("prm_feedback_kind", "=", "partner")])._prm_invite_runs(
            "prm_training.partner_surveys",
            self.env["res.partner"].sudo(),
            domain,
            lambda contacts: [(c, c.commercial_partner_id, None) for c in contacts],
        )

    @api.model
    def _cron_send_customer_surveys(self, today=None):
        """The customer of each deal a partner won lately, once per deal; by
        chunks (setting ``prm_training.customer_surveys.chunk_size``)."""

        def domain(survey, started):
            now = fields.Datetime.to_datetime(today) if today else started
            since = now - datetime.timedelta(days=CUSTOMER_SURVEY_DAYS)
            return [
                ("prm_partner_id", "!=", False),
                ("stage_id.is_won", "=", True),
                ("date_closed", ">=", since),
                ("partner_id.email", "!=", False),
                ("id", "not in", survey._prm_not_in_answers("prm_lead_id", [])),
            ]

        return self.search([("prm_feedback_kind", "=", "customer")])._prm_invite_runs(
            "prm_training.customer_surveys",
            self.env["crm.lead"].sudo(),
            domain,
            lambda leads: [
                (lead.partner_id, lead.prm_partner_id, lead) for lead in leads
            ],
        )

    @api.model
    def _cron_rollup_satisfaction(self):
        """The NPS and CSAT of every channel partner, by chunks (setting
        ``prm_training.satisfaction_rollup.chunk_size``): a partner rolled up
        is stamped with the run's day and leaves the domain."""

        def process(partners, started):
            today = fields.Date.context_today(self, started)
            self.env["survey.user_input"]._prm_rollup_satisfaction(partners, today)
            partners.write({"prm_satisfaction_on": today})
            return len(partners)

        return self.env["prm.batch.runner"]._prm_batch_run(
            "prm_training.satisfaction_rollup",
            self.env["res.partner"].sudo(),
            lambda started: [
                ("prm_is_partner", "=", True),
                ("is_company", "=", True),
                "|",
                ("prm_satisfaction_on", "=", False),
                ("prm_satisfaction_on", "<", fields.Date.context_today(self, started)),
            ],
            process,
        )
