# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What every partner portal section shares: who the partner is and whether
it may use the partner features, form errors in the user's language, amounts
as the user's language writes them, the pager."""

from werkzeug.exceptions import Forbidden, NotFound

from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools.misc import format_amount, formatLang, get_lang

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..logic import registration

LIVE = list(registration.LIVE_STATES)


def translate_error(env, error, currency=None):
    """Translated message of a :class:`~..logic.validation.FieldError`; the
    amount limit is written as money of ``currency`` when given."""
    params = error.params

    def amount(value):
        if currency:
            return format_amount(env, value, currency)
        return formatLang(env, value, digits=0)

    messages = {
        "required": lambda: env._("This field is required."),
        "too_long": lambda: env._(
            "Please enter at most %(max)s characters.", max=params.get("max")
        ),
        "email": lambda: env._("Please enter a valid e-mail address."),
        "phone": lambda: env._("Please enter a valid phone number."),
        "number": lambda: env._("Please enter a number."),
        "integer": lambda: env._("Please enter a whole number."),
        "negative": lambda: env._("Please enter an amount of zero or more."),
        "too_large": lambda: env._(
            "Please enter an amount of at most %(max)s.",
            max=amount(params.get("max")),
        ),
        "date": lambda: env._("Please enter a date as YYYY-MM-DD or DD/MM/YYYY."),
        "past": lambda: env._("The date cannot be in the past."),
        "choice": lambda: env._("Please choose one of the proposed values."),
        "url": lambda: env._(
            "Please enter a web address starting with http:// or https://."
        ),
        "control": lambda: env._(
            "This field contains characters that are not allowed."
        ),
    }
    message = messages.get(error.code)
    return message() if message else str(error)


class PrmPortalSection(CustomerPortal):
    """Base of every partner portal section (deals, leads, agreements,
    library, dashboard, commissions, trainings, navigation).

    Odoo merges the section classes into one controller: each section adds
    its own ``/my`` counters in ``_prepare_home_portal_values`` and calls
    ``super()`` so that every section's counters are there.
    """

    _prm_items_per_page = 20

    def _prm_partner(self):
        """Commercial partner of the current user (superuser record: only
        used after the caller restricted everything to it)."""
        return request.env.user.sudo().commercial_partner_id

    def _prm_is_partner(self):
        """Whether the user's company uses the partner features of the
        portal (an onboarding or active channel partner)."""
        partner = self._prm_partner()
        return registration.is_portal_partner(partner.prm_is_partner, partner.prm_stage)

    def _prm_require_partner(self, error=Forbidden):
        """The user's commercial partner when it uses the partner features;
        ``error`` (403, or 404 for the pages that hide themselves) otherwise."""
        if not self._prm_is_partner():
            raise error()
        return self._prm_partner()

    def _prm_own_count(self, model_name):
        """How many records of ``model_name`` belong to the user's commercial
        partner (a ``/my`` counter); 0 when the user may not read them."""
        Model = request.env[model_name]
        if not Model.has_access("read"):
            return 0
        partner = request.env.user.commercial_partner_id
        return Model.search_count([("partner_id", "=", partner.id)])

    def _prm_check_access(self, model_name, record_id):
        """The record (as superuser) when the user may read it, 404 when it
        does not exist or the user may not read it."""
        try:
            return self._document_check_access(model_name, record_id)
        except (AccessError, MissingError, KeyError) as exc:
            raise NotFound() from exc

    def _prm_report(self, record_sudo, report_ref, report_type, download):
        """The report ``report_ref`` of ``record_sudo``: a PDF, or HTML when
        asked for."""
        return self._show_report(
            model=record_sudo,
            report_type=report_type if report_type in ("html", "pdf") else "pdf",
            report_ref=report_ref,
            download=download,
        )

    def _prm_pager(self, url, total, page, url_args=None):
        return portal_pager(
            url=url,
            url_args=url_args,
            total=total,
            page=page,
            step=self._prm_items_per_page,
        )

    def _prm_separators(self):
        """(thousands separator, decimal point) of the user's language, to
        read the amounts typed in the forms."""
        lang = get_lang(request.env)
        return lang.thousands_sep, lang.decimal_point

    def _prm_amount_input(self, amount, currency):
        """``amount`` as the user's language writes it, for a form input
        (read back by :meth:`_prm_separators`); never in exponent notation."""
        if not amount:
            return ""
        digits = currency.decimal_places if currency else 2
        return formatLang(request.env, amount, digits=digits)

    def _prm_translate_errors(self, errors, currency=None):
        """Translated messages of the form ``errors``; amounts in ``currency``."""
        return {
            name: translate_error(request.env, error, currency)
            for name, error in errors.items()
        }
