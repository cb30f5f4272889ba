# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Before the customer keys are recomputed (registrable e-mail domains, branch
tax ids): a registration whose new keys meet those of an earlier claim gives
its customer up, so that the unique claim indexes hold.  The earlier claim
keeps the customer; the post-migration records the conflict."""

import logging

from odoo.addons.prm_portal.logic import conflict, normalize

_logger = logging.getLogger(__name__)

#: System parameter handing the released registrations to the post-migration.
RELEASED = "prm_portal.migration_released_claims"


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT word, canonical FROM prm_conflict_term WHERE active")
    forms = normalize.trade_term_forms(cr.fetchall())
    cr.execute(
        """
        SELECT r.id, r.company_id, r.customer_name, r.customer_vat,
               r.customer_email, r.customer_phone, c.code
          FROM prm_deal_registration r
     LEFT JOIN res_country c ON c.id = r.customer_country_id
         WHERE r.claim_active
      ORDER BY r.date_submitted, r.id
        """
    )
    claims = [
        (
            row[0],
            row[1],
            conflict.compute_keys(
                name=row[2],
                tax_id=row[3],
                email=row[4],
                phone=row[5],
                country_code=row[6] or "VN",
                term_forms=forms,
            ),
        )
        for row in cr.fetchall()
    ]
    losers = conflict.colliding_claims(claims)
    if not losers:
        return
    cr.execute(
        "UPDATE prm_deal_registration SET claim_active = FALSE WHERE id IN %s",
        [tuple(losers)],
    )
    cr.execute(
        "INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [RELEASED, ",".join(map(str, losers))],
    )
    _logger.info("%s registrations gave up a customer held earlier", len(losers))
