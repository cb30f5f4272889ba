# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Claims of market development funds: expenses, results and proof of
performance uploaded by the partner."""

import base64

from werkzeug.exceptions import NotFound

from odoo import Command, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq, format_amount

from ..logic import uploads, validation
from ..logic.validation import FieldSpec
from .funds import FUNDS_URL, MAX_AMOUNT, PrmFundPortal

CLAIM_ROWS = 5


class PrmFundClaimPortal(PrmFundPortal):
    # ------------------------------------------------------------------
    # Claim form
    # ------------------------------------------------------------------
    def _prm_kept_proofs(self, form):
        """Proofs uploaded with an earlier, refused post of the form: kept
        so that nothing is lost; each one proved by its token."""
        Attachment = request.env["ir.attachment"].sudo()
        kept = Attachment
        values = request.httprequest.form.getlist("kept_proof")
        for value in values[: uploads.MAX_FILES]:
            attachment_id, _sep, token = value.partition(":")
            if not attachment_id.isdigit():
                continue
            attachment = Attachment.browse(int(attachment_id)).exists()
            if (
                attachment
                and attachment.res_model == "prm.fund.claim"
                and not attachment.res_id
                and attachment.create_uid == request.env.user
                and attachment.access_token
                and consteq(attachment.access_token, token)
            ):
                kept |= attachment
        return kept

    def _prm_read_proofs(self, errors):
        """New attachments of the uploaded files, and the error of each
        refused one in ``errors['proof']``."""
        env = request.env
        messages = {
            "empty": env._("%(name)s is empty."),
            "too_big": env._("%(name)s is larger than %(size)s MB."),
            "type": env._("%(name)s is not a PDF, PNG or JPEG file."),
        }
        problems = []
        vals_list = []
        files = request.httprequest.files.getlist("proof")
        for upload in files:
            if not upload.filename:
                continue
            content = upload.read(uploads.MAX_SIZE + 1)
            code = uploads.check_file(
                upload.filename, content, max_size=uploads.MAX_SIZE
            )
            if code:
                problems.append(
                    messages[code]
                    % {"name": upload.filename, "size": uploads.MAX_SIZE // 2**20}
                )
                continue
            vals_list.append(
                {
                    "name": upload.filename[:200],
                    "raw": content,
                    "mimetype": uploads.mimetype(upload.filename),
                    "res_model": "prm.fund.claim",
                    "res_id": 0,
                }
            )
        if len(vals_list) > uploads.MAX_FILES:
            problems.append(
                env._("Please send at most %(count)s files.", count=uploads.MAX_FILES)
            )
            vals_list = []
        attachments = env["ir.attachment"].sudo().create(vals_list)
        for attachment in attachments:
            attachment.generate_access_token()
        if problems:
            errors["proof"] = " ".join(problems)
        return attachments

    def _prm_validate_claim_lines(self, form, currency, errors):
        env = request.env
        V = validation
        lines = []
        for row in range(CLAIM_ROWS):
            names = [
                f"line_description_{row}",
                f"line_amount_{row}",
                f"line_date_{row}",
            ]
            if not any((form.get(name) or "").strip() for name in names):
                continue
            specs = [
                FieldSpec(names[0], V.CHAR, required=True, max_length=200),
                FieldSpec(names[1], V.AMOUNT, required=True, max_value=MAX_AMOUNT),
                FieldSpec(names[2], V.DATE),
            ]
            cleaned, line_errors = V.validate(
                form, specs, separators=self._prm_separators()
            )
            errors.update(self._prm_translate_errors(line_errors, currency))
            if cleaned.get(names[1]) is not None and cleaned[names[1]] <= 0:
                errors[names[1]] = env._("Please enter an amount greater than zero.")
            if not line_errors and names[1] not in errors:
                lines.append(
                    {
                        "description": cleaned[names[0]],
                        "amount": float(cleaned[names[1]]),
                        "invoice_date": cleaned.get(names[2]) or False,
                    }
                )
        if not lines and not errors:
            errors["lines"] = env._("Please enter at least one expense.")
        return lines

    @http.route(
        [f"{FUNDS_URL}/request/<int:request_id>/claim"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def prm_portal_fund_claim_new(self, request_id, **form):
        self._prm_fund_partner()
        fund_request = self._prm_check_access("prm.fund.request", request_id)
        env = request.env
        if fund_request.state != "approved":
            return request.redirect(f"{FUNDS_URL}/request/{request_id}")
        errors, kept = {}, env["ir.attachment"]
        if request.httprequest.method == "POST":
            currency = fund_request.currency_id
            V = validation
            cleaned, field_errors = V.validate(
                form,
                [
                    FieldSpec("leads", V.INTEGER, max_value=10**6),
                    FieldSpec("revenue", V.AMOUNT, max_value=MAX_AMOUNT),
                ],
                separators=self._prm_separators(),
            )
            errors.update(self._prm_translate_errors(field_errors, currency))
            lines = self._prm_validate_claim_lines(form, currency, errors)
            kept = self._prm_kept_proofs(form) | self._prm_read_proofs(errors)
            if not kept and "proof" not in errors:
                errors["proof"] = env._("Attach at least one proof of performance.")
            if not errors:
                values = {
                    "request_id": fund_request.id,
                    "leads": int(cleaned.get("leads") or 0),
                    "revenue": float(cleaned.get("revenue") or 0),
                    "line_ids": [Command.create(line) for line in lines],
                    "attachment_ids": [Command.set(kept.ids)],
                }
                try:
                    with env.cr.savepoint():
                        claim = env["prm.fund.claim"].sudo().create(values)
                        claim.env.flush_all()
                except (UserError, ValidationError) as exc:
                    errors["lines"] = exc.args[0]
                else:
                    return request.redirect(
                        f"{FUNDS_URL}/claim/{claim.id}?message=submitted"
                    )
        rate = f"{fund_request.budget_id.participation_rate:g}"
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_fund",
                "fund_request": fund_request,
                "form": form,
                "errors": errors,
                "rows": range(CLAIM_ROWS),
                "kept_proofs": kept,
                "claim_terms": env._(
                    "We pay %(rate)s %% of your expenses, up to %(amount)s.",
                    rate=rate,
                    amount=format_amount(
                        env, fund_request.claimable_amount, fund_request.currency_id
                    ),
                ),
                "proof_terms": env._(
                    "Proofs: PDF, PNG or JPEG files of at most %(size)s MB each.",
                    size=uploads.MAX_SIZE // 2**20,
                ),
            }
        )
        return request.render("prm_portal.portal_fund_claim_form", values)

    @http.route(
        [f"{FUNDS_URL}/claim/<int:claim_id>/proof/<int:attachment_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_fund_claim_proof(self, claim_id, attachment_id, **kw):
        self._prm_fund_partner()
        claim = self._prm_check_access("prm.fund.claim", claim_id)
        attachment = claim.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        return request.make_response(
            base64.b64decode(attachment.datas or b""),
            headers=[
                ("Content-Type", attachment.mimetype or "application/octet-stream"),
                ("Content-Disposition", http.content_disposition(attachment.name)),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
