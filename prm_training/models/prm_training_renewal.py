# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models

from odoo.addons.prm_partner.logic import certifications as cert_rules

from ..logic import expiry


class PrmTrainingRenewal(models.AbstractModel):
    """Re-certification: contacts are enrolled again before their
    certification expires (the program's lead time), once per certification,
    unless they already hold a later one of the same type."""

    _name = "prm.training.renewal"
    _description = "Training Re-certification"

    @api.model
    def _prm_renew_due(self):
        """Re-enroll and remind contacts whose certification expires soon, by
        chunks (setting ``prm_training.renewal.chunk_size``): a certification
        looked at is stamped with the run's day and leaves the domain.
        Returns the enrollments created."""
        created = []

        def process(certifications, started):
            today = fields.Date.context_today(self, started)
            enrollments = self._prm_renew(certifications, today)
            certifications.write({"prm_renewal_checked_on": today})
            created.append(enrollments)
            return len(enrollments)

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_training.renewal",
            self.env["prm.certification"].sudo(),
            self._prm_renew_domain,
            process,
        )
        return self.env["prm.training.enrollment"].browse(
            [e.id for chunk in created for e in chunk]
        )

    @api.model
    def _prm_renew_domain(self, started):
        """Training certifications not renewed yet and not looked at on the
        run's day, within the longest lead time of the programs."""
        today = fields.Date.context_today(self, started)
        lead = (
            (
                self.env["prm.training.program"]
                .sudo()
                .with_context(active_test=False)
                ._read_group([], aggregates=["lead_days:max"])[0][0]
            )
            or 0
        )
        return [
            ("source", "=", "training"),
            ("training_enrollment_id", "!=", False),
            ("prm_renewal_enrollment_id", "=", False),
            ("state", "!=", "revoked"),
            ("expiry_date", "!=", False),
            ("expiry_date", "<=", today + timedelta(days=max(lead, 0))),
            "|",
            ("prm_renewal_checked_on", "=", False),
            ("prm_renewal_checked_on", "<", today),
        ]

    @api.model
    def _prm_renew(self, certifications, today):
        """Re-enroll the contacts of the ``certifications`` due for renewal."""
        due = certifications.filtered(
            lambda cert: cert.training_enrollment_id
            and expiry.due_for_renewal(
                today,
                cert.expiry_date,
                cert.training_enrollment_id.program_id.lead_days,
                bool(cert.prm_renewal_enrollment_id),
            )
        )
        due -= self._prm_superseded(due)
        by_program = defaultdict(lambda: certifications.browse())
        for cert in due:
            by_program[cert.training_enrollment_id.program_id] |= cert
        Enrollment = self.env["prm.training.enrollment"].sudo()
        created = Enrollment.browse()
        for program, certs in by_program.items():
            if not program.active:
                continue
            renewals = {cert.contact_id.id: cert.id for cert in certs}
            created |= Enrollment._prm_enroll(
                program, certs.contact_id, "renewal", renewals
            )
        return created

    @api.model
    def _prm_superseded(self, certifications):
        """Those of ``certifications`` whose contact already holds a later one
        of the same type."""
        if not certifications:
            return certifications
        newer = certifications.search_read(
            [
                ("contact_id", "in", certifications.contact_id.ids),
                ("type_id", "in", certifications.type_id.ids),
                *cert_rules.in_force_domain(),
                ("id", "not in", certifications.ids),
            ],
            ["contact_id", "type_id", "expiry_date"],
        )
        latest = {}
        for row in newer:
            key = (row["contact_id"][0], row["type_id"][0])
            expiry_date = row["expiry_date"] or date.max
            latest[key] = max(latest.get(key, date.min), expiry_date)
        return certifications.filtered(
            lambda cert: cert.expiry_date
            and latest.get((cert.contact_id.id, cert.type_id.id), date.min)
            > cert.expiry_date
        )
