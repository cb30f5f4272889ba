# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The registrations the pre-migration released show their conflict and say
why in their chatter; every stored key is refreshed in the background."""

from odoo import SUPERUSER_ID, api

RELEASED = "prm_portal.migration_released_claims"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    params = env["ir.config_parameter"]
    released = params.get_param(RELEASED)
    if released:
        registrations = env["prm.deal.registration"].browse(
            int(value) for value in released.split(",")
        )
        registrations._prm_check_conflicts()
        for registration in registrations:
            registration.message_post(
                body=env._(
                    "Its customer keys were recomputed: another registration "
                    "already holds this customer, see the conflicts."
                )
            )
        params.set_param(RELEASED, False)
    env["prm.conflict.term"]._prm_terms_changed()
