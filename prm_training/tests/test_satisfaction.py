# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.prm_partner.tests.common import PrmCase


@tagged("post_install", "-at_install")
class TestSatisfaction(PrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._prm_partner("CSAT Reseller", prm_stage="active")
        cls.contacts = cls.env["res.partner"].create(
            [
                {
                    "name": f"CSAT contact {i}",
                    "parent_id": cls.partner.id,
                    "email": f"c{i}@csat.example",
                }
                for i in range(2)
            ]
        )
        cls.nps_survey = cls.env.ref("prm_training.survey_partner_satisfaction")
        cls.csat_survey = cls.env.ref("prm_training.survey_customer_satisfaction")
        cls.nps_question = cls.env.ref("prm_training.survey_partner_satisfaction_q_nps")
        cls.csat_question = cls.env.ref(
            "prm_training.survey_customer_satisfaction_q_score"
        )
        cls.won_stage = cls.env["crm.stage"].create(
            {"name": "CSAT Won", "is_won": True, "sequence": 97}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "CSAT End Customer", "email": "buyer@customer.example"}
        )
        cls.Survey = cls.env["survey.survey"]

    def _answer(self, answer, question, value):
        self.env["survey.user_input.line"].create(
            {
                "user_input_id": answer.id,
                "survey_id": answer.survey_id.id,
                "question_id": question.id,
                "answer_type": "scale",
                "value_scale": value,
            }
        )
        answer._mark_done()

    def _won_deal(self, partner=None):
        lead = self.env["crm.lead"].create(
            {
                "name": "CSAT deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "prm_partner_id": (partner or self.partner).id,
            }
        )
        lead.stage_id = self.won_stage
        return lead

    def test_partner_survey_goes_to_active_partners_contacts_once(self):
        answers = self.Survey._cron_send_partner_surveys().filtered(
            lambda a: a.prm_partner_id == self.partner
        )
        self.assertEqual(answers.partner_id, self.contacts)
        self.assertEqual(answers.survey_id, self.nps_survey)
        mails = self.env["mail.mail"].search(
            [("res_id", "in", answers.ids), ("model", "=", "survey.user_input")]
        )
        self.assertEqual(len(mails), 2)
        again = self.Survey._cron_send_partner_surveys()
        self.assertFalse(again.filtered(lambda a: a.prm_partner_id == self.partner))
        self._answer(answers[0], self.nps_question, 10)
        self._answer(answers[1], self.nps_question, 3)
        self.assertEqual(self.partner.prm_nps, 0.0)
        self.assertEqual(self.partner.prm_nps_count, 2)

    def test_customer_survey_rolls_up_into_csat_kpi_scorecard_and_tier(self):
        lead = self._won_deal()
        answers = self.Survey._cron_send_customer_surveys().filtered(
            lambda a: a.prm_lead_id == lead
        )
        self.assertEqual(answers.partner_id, self.customer)
        self.assertEqual(answers.prm_partner_id, self.partner)
        self.assertFalse(
            self.Survey._cron_send_customer_surveys().filtered(
                lambda a: a.prm_lead_id == lead
            ),
            "once per deal",
        )
        self._answer(answers, self.csat_question, 4)
        self.assertEqual(self.partner.prm_csat, 75.0)
        self.assertEqual(self.partner.prm_csat_count, 1)
        # a plan KPI reads it
        plan = self.env["prm.business.plan"].create(
            {
                "partner_id": self.partner.id,
                "date_from": fields.Date.today(),
                "kpi_ids": [
                    Command.create({"kind": "customer_satisfaction", "goal": 80})
                ],
            }
        )
        self.assertEqual(plan.kpi_ids.actual, 75.0)
        # the scorecard shows it
        review = self.env["prm.business.review"].create(
            {"partner_id": self.partner.id, "date": fields.Date.today()}
        )
        labels = [label for label, __ in review._prm_scorecard_scores()]
        self.assertIn("Customer satisfaction", labels)
        # the tier criterion "minimum CSAT"
        tier = self.env["prm.tier"].create(
            {"name": "CSAT Gold", "rank": 950, "min_csat": 80}
        )
        ((__, decision, metrics),) = self.partner._prm_evaluate_tiers(apply=False)
        self.assertEqual(metrics["csat"], 75.0)
        self.assertNotEqual((decision.target or {}).get("id"), tier.id)
        unmet = [c for c in decision.criteria if c["criterion"] == "csat"]
        self.assertFalse(unmet and unmet[0]["met"])
        tier.min_csat = 70
        ((__, decision, __),) = self.partner._prm_evaluate_tiers(apply=False)
        self.assertEqual(decision.target["id"], tier.id)

    def test_old_answers_drop_out_of_the_score(self):
        lead = self._won_deal()
        answers = self.Survey._cron_send_customer_surveys().filtered(
            lambda a: a.prm_lead_id == lead
        )
        self._answer(answers, self.csat_question, 5)
        self.assertEqual(self.partner.prm_csat, 100.0)
        self.env["survey.user_input"]._prm_rollup_satisfaction(
            self.partner, today=date.today() + timedelta(days=400)
        )
        self.assertEqual(self.partner.prm_csat_count, 0)
        self.assertEqual(self.partner.prm_csat, 0.0)

    def test_rollup_query_count_does_not_grow_with_partners(self):
        partners = self.env["res.partner"].create(
            [
                {"name": f"CSAT batch {i}", "is_company": True, "prm_is_partner": True}
                for i in range(30)
            ]
        )
        answers = self.env["survey.user_input"].create(
            [
                {
                    "survey_id": self.csat_survey.id,
                    "partner_id": self.customer.id,
                    "prm_partner_id": partner.id,
                }
                for partner in partners
            ]
        )
        for index, answer in enumerate(answers):
            self._answer(answer, self.csat_question, 1 + index % 5)
        Input = self.env["survey.user_input"]
        expected = self._prm_query_count(Input._prm_rollup_satisfaction, partners[:3])
        with self.assertQueryCount(expected):
            self.env.invalidate_all()
            Input._prm_rollup_satisfaction(self.env["res.partner"].browse(partners.ids))
            self.env.flush_all()
        self.assertEqual(partners[0].prm_csat, 0.0)
        self.assertEqual(partners[4].prm_csat, 100.0)
        self.assertEqual(partners[2].prm_csat, 50.0)
