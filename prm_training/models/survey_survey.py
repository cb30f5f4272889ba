# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Satisfaction surveys: the partners' own contacts (NPS) on a schedule, the
end customers of the deals partners won (CSAT) once each."""

import datetime

from odoo import api, fields, models

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

    @api.model
    def _cron_send_partner_surveys(self, today=None):
        """Each contact of an active partner with an e-mail, not asked in the
        last 90 days."""
        now = fields.Datetime.to_datetime(today) if today else fields.Datetime.now()
        since = now - datetime.timedelta(days=PARTNER_SURVEY_DAYS)
        answers = self.env["survey.user_input"]
        for survey in self.search([("prm_feedback_kind", "=", "partner")]):
            asked = (
                self.env["survey.user_input"]
                .sudo()
                ._read_group(
                    [("survey_id", "=", survey.id), ("create_date", ">=", since)],
                    ["partner_id"],
                )
            )
            contacts = (
                self.env["res.partner"]
                .sudo()
                .search(
                    [
                        ("parent_id.prm_is_partner", "=", True),
                        ("parent_id.prm_stage", "=", "active"),
                        ("parent_id.is_company", "=", True),
                        ("email", "!=", False),
                        ("id", "not in", [partner.id for (partner,) in asked]),
                    ]
                )
            )
            answers |= survey._prm_invite(
                [(c, c.commercial_partner_id, None) for c in contacts]
            )
        return answers

    @api.model
    def _cron_send_customer_surveys(self, today=None):
        """The customer of each deal a partner won lately, once per deal."""
        now = fields.Datetime.to_datetime(today) if today else fields.Datetime.now()
        since = now - datetime.timedelta(days=CUSTOMER_SURVEY_DAYS)
        answers = self.env["survey.user_input"]
        for survey in self.search([("prm_feedback_kind", "=", "customer")]):
            done = (
                self.env["survey.user_input"]
                .sudo()
                ._read_group(
                    [("survey_id", "=", survey.id), ("prm_lead_id", "!=", False)],
                    ["prm_lead_id"],
                )
            )
            leads = (
                self.env["crm.lead"]
                .sudo()
                .search(
                    [
                        ("prm_partner_id", "!=", False),
                        ("stage_id.is_won", "=", True),
                        ("date_closed", ">=", since),
                        ("partner_id.email", "!=", False),
                        ("id", "not in", [lead.id for (lead,) in done]),
                    ]
                )
            )
            answers |= survey._prm_invite(
                [(lead.partner_id, lead.prm_partner_id, lead) for lead in leads]
            )
        return answers

    @api.model
    def _cron_rollup_satisfaction(self):
        partners = self.env["res.partner"].search(
            [("prm_is_partner", "=", True), ("is_company", "=", True)]
        )
        self.env["survey.user_input"]._prm_rollup_satisfaction(partners)
