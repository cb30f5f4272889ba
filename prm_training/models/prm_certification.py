# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.tools.image import image_data_uri

from ..logic import verification


class PrmCertification(models.Model):
    _inherit = "prm.certification"

    source = fields.Selection(
        selection_add=[("training", "Training")],
        ondelete={"training": "set manual"},
    )
    verification_code = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        help="Code printed on the certificate; anyone can check it on the "
        "public verification page.",
    )
    verification_url = fields.Char(compute="_compute_verification_url")
    prm_certificate_mail_pending = fields.Boolean(
        string="Certificate Mail Pending",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The certificate is rendered and mailed to the contact in the "
        "background, so that completing a course stays fast.",
    )
    verification_qr = fields.Char(
        string="Verification QR Code",
        compute="_compute_verification_qr",
        help="QR code of the verification page, as an embeddable image.",
    )
    training_enrollment_id = fields.Many2one(
        "prm.training.enrollment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    training_program_id = fields.Many2one(
        related="training_enrollment_id.program_id", string="Training Program"
    )
    prm_renewal_enrollment_ids = fields.One2many(
        "prm.training.enrollment",
        "renewal_of_id",
        string="Re-certification Enrollments",
        readonly=True,
    )
    prm_renewal_checked_on = fields.Date(
        string="Renewal Checked",
        readonly=True,
        copy=False,
        help="The day the re-certification job last looked at this " "certification.",
    )
    prm_renewal_enrollment_id = fields.Many2one(
        "prm.training.enrollment",
        string="Re-certification Enrollment",
        compute="_compute_prm_renewal_enrollment_id",
        store=True,
    )

    _sql_constraints = [
        (
            "verification_code_uniq",
            "unique(verification_code)",
            "A verification code must be unique.",
        ),
        (
            "training_enrollment_uniq",
            "unique(training_enrollment_id)",
            "A training enrollment issues a single certification.",
        ),
    ]

    @api.depends("verification_code")
    def _compute_verification_url(self):
        for certification in self:
            code = certification.verification_code
            certification.verification_url = (
                f"{certification.get_base_url()}/prm/certification/verify?code={code}"
                if code
                else False
            )

    @api.depends("verification_url")
    def _compute_verification_qr(self):
        Report = self.env["ir.actions.report"]
        for certification in self:
            url = certification.verification_url
            certification.verification_qr = (
                image_data_uri(
                    base64.b64encode(
                        Report.barcode("QR", url, width=160, height=160, barLevel="M")
                    )
                )
                if url
                else False
            )

    @api.depends("prm_renewal_enrollment_ids")
    def _compute_prm_renewal_enrollment_id(self):
        for certification in self:
            certification.prm_renewal_enrollment_id = (
                certification.prm_renewal_enrollment_ids[:1]
            )

    @api.model_create_multi
    def create(self, vals_list):
        missing = [vals for vals in vals_list if not vals.get("verification_code")]
        codes = self._prm_new_verification_codes(len(missing))
        for vals, code in zip(missing, codes, strict=True):
            vals["verification_code"] = code
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Verification
    # ------------------------------------------------------------------

    @api.model
    def _prm_new_verification_codes(self, count):
        """``count`` new distinct codes, checked against the database at once.

        Collisions are astronomically unlikely; the unique constraint stays the
        real guarantee.
        """
        codes = set()
        while len(codes) < count:
            fresh = {verification.generate_code() for __ in range(count - len(codes))}
            taken = (
                self.sudo()
                .with_context(active_test=False)
                .search([("verification_code", "in", list(fresh))])
                .mapped("verification_code")
            )
            codes |= fresh - set(taken)
        return list(codes)

    @api.model
    def _prm_assign_missing_verification_codes(self):
        """Give a code to certifications created before this module."""
        missing = (
            self.sudo()
            .with_context(active_test=False)
            .search([("verification_code", "=", False)])
        )
        codes = self._prm_new_verification_codes(len(missing))
        for certification, code in zip(missing, codes, strict=True):
            certification.verification_code = code

    @api.model
    def _prm_verification_status(self, code):
        """valid / expired / revoked / unknown for a user-typed code."""
        code = verification.normalize(code)
        if not code or not verification.is_well_formed(code):
            return verification.STATUS_UNKNOWN
        certification = (
            self.sudo()
            .with_context(active_test=False)
            .search([("verification_code", "=", code)], limit=1)
        )
        if not certification:
            return verification.STATUS_UNKNOWN
        return verification.verification_status(
            True,
            certification.state,
            certification.expiry_date,
            fields.Date.context_today(self),
        )

    # ------------------------------------------------------------------
    # Certificate mail
    # ------------------------------------------------------------------

    def _prm_queue_certificate_mail(self):
        self.write({"prm_certificate_mail_pending": True})
        cron = self.env.ref(
            "prm_training.ir_cron_prm_training_certificate_mail",
            raise_if_not_found=False,
        )
        if cron:
            cron._trigger()

    @api.model
    def _cron_prm_send_certificates(self, batch_size=50):
        """Mail their certificate (PDF attached) to newly certified contacts,
        by chunks (setting ``prm_training.certificate_mail.chunk_size``); a
        mailed certification is no longer pending. Returns those mailed."""
        sent = []

        def process(certs, started):
            template = self.env.ref(
                "prm_training.mail_template_certification_issued",
                raise_if_not_found=False,
            )
            if template:
                template.sudo().send_mail_batch(certs.ids)
            certs.write({"prm_certificate_mail_pending": False})
            sent.append(certs)
            return len(certs)

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_training.certificate_mail",
            self,
            [("prm_certificate_mail_pending", "=", True)],
            process,
            default_chunk_size=batch_size,
        )
        return self.browse([cert.id for chunk in sent for cert in chunk])
