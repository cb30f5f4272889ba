# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Training history survives deletions, its uniqueness is the database's,
and the public actions check who calls them."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PrmTrainingCase


@tagged("post_install", "-at_install")
class TestTrainingHistory(PrmTrainingCase):
    def test_contact_with_enrollments_is_not_deleted(self):
        enrollment = self._enroll()
        self.assertTrue(enrollment)
        with self.assertRaises(UserError):
            self.contact.unlink()
        self.assertTrue(enrollment.exists())
        self.assertEqual(enrollment.contact_id, self.contact)

    def test_one_open_enrollment_per_contact_and_program_in_the_database(self):
        enrollment = self._enroll()
        enrollment.with_user(self.manager).action_cancel()
        again = self._enroll()
        self.assertNotEqual(again, enrollment)
        # reopening the cancelled one behind the ORM's back: the database refuses
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE prm_training_enrollment SET state = 'enrolled' "
                    "WHERE id = %s",
                    [enrollment.id],
                )

    def test_enrollments_are_history(self):
        enrollment = self._enroll()
        with self.assertRaises(UserError):
            enrollment.with_user(self.manager).unlink()
        enrollment.with_user(self.manager).action_cancel()
        enrollment.with_user(self.manager).unlink()
        self.assertFalse(enrollment.exists())

    def test_public_actions_check_the_caller(self):
        enrollment = self._enroll()
        for user in (self.portal_user, self.prm_user):
            with self.assertRaises(AccessError):
                self.program.with_user(user).action_enroll_targeted()
            with self.assertRaises(AccessError):
                enrollment.with_user(user).action_cancel()
        with self.assertRaises(AccessError):
            enrollment.with_user(self.portal_user).action_refresh_progress()
        enrollment.with_user(self.prm_user).action_refresh_progress()
        self.assertEqual(enrollment.state, "enrolled")
