# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public application form against abuse: limits per network (IPv6 by
/64) and for everybody, a 429 answer with Retry-After, settings that are not
numbers, Odoo's captcha hook, one review activity per application, and
parallel posts counted one after the other."""

import math
import threading
import time
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, http
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import config

from .common import ParallelCase, PrmPortalCommon

# What Odoo's reCAPTCHA check raises for a bad token.
CAPTCHA_MESSAGE = "The reCaptcha token is invalid."


@tagged("post_install", "-at_install")
class TestApplicationSecurity(PrmPortalCommon, HttpCase):
    def setUp(self):
        super().setUp()
        self.authenticate(None, None)
        self.params = self.env["ir.config_parameter"].sudo()

    def _form(self, **values):
        form = {
            "company_name": "Epsilon Systems JSC",
            "contact_name": "Vu Thi Epsilon",
            "email": "hello@epsilon-systems.example",
            "phone": "0987 654 321",
            "country_id": str(self.country_vn.id),
            "partner_type": "reseller",
            "csrf_token": http.Request.csrf_token(self),
        }
        form.update(values)
        return form

    def _post(self, ip=None, **values):
        """Post the form, from ``ip`` as a reverse proxy would report it."""
        if not ip:
            return self.url_open("/partners/apply", data=self._form(**values))
        headers = {
            "X-Forwarded-For": ip,
            "X-Forwarded-Host": self.base_url().split("//", 1)[1],
        }
        with patch.dict(config.options, {"proxy_mode": True}):
            return self.url_open(
                "/partners/apply", data=self._form(**values), headers=headers
            )

    def _applicants(self, prefix):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("name", "=like", f"{prefix}%"), ("is_company", "=", True)])
        )

    def test_ipv6_addresses_of_one_64_share_the_limit(self):
        self.params.set_param("prm_portal.apply_rate_limit", "2")
        for i in (1, 2):
            response = self._post(f"2001:db8:77:1::{i}", company_name=f"Six {i}")
            self.assertEqual(response.status_code, 200)
            self.assertIn("Thank you", response.text)
        # a new address in the same /64 is the same network
        response = self._post("2001:db8:77:1:abcd::99", company_name="Six 3")
        self.assertEqual(response.status_code, 429)
        self.assertFalse(self._applicants("Six 3"))
        # the next /64 is another network
        response = self._post("2001:db8:77:2::1", company_name="Six 4")
        self.assertEqual(response.status_code, 200)
        first = self._applicants("Six 1").sudo()
        self.assertEqual(first.prm_application_ip, "2001:db8:77:1::1")
        self.assertEqual(first.prm_application_ip_bucket, "2001:db8:77:1::/64")

    def test_ipv4_stays_per_address(self):
        self.params.set_param("prm_portal.apply_rate_limit", "1")
        self.assertEqual(
            self._post("198.51.100.10", company_name="Four 1").status_code, 200
        )
        self.assertEqual(
            self._post("198.51.100.11", company_name="Four 2").status_code, 200
        )
        self.assertEqual(
            self._post("198.51.100.10", company_name="Four 3").status_code, 429
        )

    def test_global_hourly_cap(self):
        self.params.set_param("prm_portal.apply_rate_limit", "5")
        self.params.set_param("prm_portal.apply_global_rate_limit", "2")
        for i in (1, 2):
            response = self._post(f"203.0.113.{i}", company_name=f"Many {i}")
            self.assertEqual(response.status_code, 200)
        response = self._post("203.0.113.3", company_name="Many 3")
        self.assertEqual(response.status_code, 429)
        self.assertIn("We are receiving many applications", response.text)
        self.assertFalse(self._applicants("Many 3"))

    def test_refusal_says_when_to_retry(self):
        self.params.set_param("prm_portal.apply_rate_limit", "1")
        self.assertEqual(self._post(company_name="Retry 1").status_code, 200)
        response = self._post(company_name="Retry 2")
        self.assertEqual(response.status_code, 429)
        retry = int(response.headers["Retry-After"])
        self.assertTrue(3500 < retry <= 3601, retry)
        self.assertIn("Too many applications from your network", response.text)
        # the page says the same delay, in minutes rounded up
        self.assertIn(f"try again in {math.ceil(retry / 60)} minutes", response.text)
        # the visitor's input is kept
        self.assertIn('value="Retry 2"', response.text)

    def test_settings_that_are_not_whole_numbers_use_the_defaults(self):
        self.params.set_param("prm_portal.apply_rate_limit", "three")
        self.params.set_param("prm_portal.apply_global_rate_limit", "-1")
        statuses = [
            self._post(company_name=f"Default {i}").status_code for i in range(4)
        ]
        # default: three an hour from one network
        self.assertEqual(statuses, [200, 200, 200, 429])

    def test_captcha_refusal_creates_nothing(self):
        IrHttp = type(self.env["ir.http"])
        actions = []

        def refuse(model, action):
            actions.append(action)
            return False

        with patch.object(IrHttp, "_verify_request_recaptcha_token", refuse):
            response = self._post(company_name="Robot 1")
        self.assertEqual(actions, ["prm_partner_apply"])
        self.assertIn("anti-spam check", response.text)
        self.assertFalse(self._applicants("Robot 1"))

        def invalid(model, action):
            raise ValidationError(CAPTCHA_MESSAGE)

        with patch.object(IrHttp, "_verify_request_recaptcha_token", invalid):
            response = self._post(company_name="Robot 2")
        self.assertIn(CAPTCHA_MESSAGE, response.text)
        self.assertIn('value="Robot 2"', response.text)
        self.assertFalse(self._applicants("Robot 2"))

    def test_without_captcha_modules_the_form_has_no_widget(self):
        # google_recaptcha and website_cf_turnstile are not installed here:
        # the base check lets the post through and the page loads no widget
        text = self.url_open("/partners/apply").text
        self.assertNotIn("recaptcha", text.lower())
        self.assertNotIn("turnstile", text.lower())
        self.assertEqual(self._post(company_name="Human 1").status_code, 200)

    def test_one_review_activity_per_application(self):
        other = new_test_user(
            self.env,
            login="prm_portal_manager_2",
            groups="prm_partner.group_prm_manager,sales_team.group_sale_manager",
        )
        managers = self.env.ref("prm_partner.group_prm_manager").users.filtered(
            lambda u: not u.share and u.id != SUPERUSER_ID
        )
        self.assertGreaterEqual(len(managers), 3)
        review = self.env.ref("prm_portal.mail_activity_type_prm_application_review")
        reviewers = self.env["res.users"]
        self.params.set_param("prm_portal.apply_rate_limit", "100")
        for i in range(len(managers)):
            self.assertEqual(self._post(company_name=f"Review {i}").status_code, 200)
            company = self._applicants(f"Review {i}")
            self.assertEqual(len(company.activity_ids), 1)
            self.assertEqual(company.activity_ids.activity_type_id, review)
            reviewers |= company.activity_ids.user_id
        # the reviews go round the managers, one each
        self.assertEqual(reviewers, managers)
        self.assertIn(other, reviewers)


@tagged("post_install", "-at_install")
class TestParallelApplications(ParallelCase):
    """Two posts from one /64 in two transactions: the second waits for the
    first one's lock, then counts the application it committed."""

    def setUp(self):
        super().setUp()
        self.token = uuid.uuid4().hex[:8]
        self.network = (
            f"2001:db8:{int(self.token[:4], 16):x}:{int(self.token[4:], 16):x}"
        )
        with self.registry.cursor() as cr:
            params = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"]
            self.old_limit = params.get_param("prm_portal.apply_rate_limit")
            params.set_param("prm_portal.apply_rate_limit", "1")
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["ir.config_parameter"].set_param(
                "prm_portal.apply_rate_limit", self.old_limit or "3"
            )
            # committed test data: drop the history that otherwise protects
            # the applicants from deletion
            applicants = env["res.partner"].search(
                [("name", "like", f"Parallel {self.token}")]
            )
            env["prm.stage.history"].search(
                [("partner_id", "in", applicants.ids)]
            ).unlink()
            applicants.unlink()

    def test_parallel_posts_from_one_network_are_counted_in_turn(self):
        env1, env2, pid2 = self._two_transactions()
        # the second transaction has its snapshot before the first commits
        env2["res.partner"].search_count([])

        ip1 = f"{self.network}::1"
        self.assertEqual(env1["res.partner"]._prm_application_wait(ip1), (0, None))
        env1["res.partner"]._prm_create_application(
            {
                "company_name": f"Parallel {self.token} A",
                "contact_name": "A",
                "email": "a@parallel.example",
                "country_id": env1.ref("base.vn").id,
                "partner_type": "reseller",
            },
            ip1,
        )
        outcome = {}

        def second_post():
            try:
                outcome["wait"] = env2["res.partner"]._prm_application_wait(
                    f"{self.network}:1234::2"
                )
                env2.cr.rollback()
            except Exception as exc:  # noqa: BLE001 - reported to the test
                outcome["error"] = exc

        thread = threading.Thread(target=second_post)
        thread.start()
        deadline = time.monotonic() + 30
        while not self._waiting_locks(pid2) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertTrue(self._waiting_locks(pid2), "the second post should wait")
        self.assertTrue(thread.is_alive())
        env1.cr.commit()
        thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("error", outcome, outcome.get("error"))
        seconds, scope = outcome["wait"]
        self.assertEqual(scope, "network")
        self.assertGreater(seconds, 3500)
