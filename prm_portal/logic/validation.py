# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Server-side validation of portal forms.

A form is described by a list of :class:`FieldSpec`; :func:`validate`
returns the cleaned values and one :class:`FieldError` per invalid field.
Each error has a code (``required``, ``email``, ...), parameters and an
English message; the controller shows a translated message for the code.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

CHAR = "char"
TEXT = "text"
EMAIL = "email"
PHONE = "phone"
AMOUNT = "amount"
INTEGER = "integer"
DATE = "date"
SELECTION = "selection"
URL = "url"

MSG_REQUIRED = "This field is required."
MSG_TOO_LONG = "Please enter at most %(max)s characters."
MSG_EMAIL = "Please enter a valid e-mail address."
MSG_PHONE = "Please enter a valid phone number."
MSG_NUMBER = "Please enter a number."
MSG_INTEGER = "Please enter a whole number."
MSG_NEGATIVE = "Please enter an amount of zero or more."
MSG_TOO_LARGE = "Please enter an amount of at most %(max)s."
MSG_DATE = "Please enter a date as YYYY-MM-DD or DD/MM/YYYY."
MSG_PAST = "The date cannot be in the past."
MSG_CHOICE = "Please choose one of the proposed values."
MSG_URL = "Please enter a web address starting with http:// or https://."
MSG_CONTROL = "This field contains characters that are not allowed."


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str = CHAR
    required: bool = False
    max_length: int = None
    #: allowed values for SELECTION (compared as strings)
    choices: tuple = None
    #: for DATE: refuse dates before ``today``
    future_only: bool = False
    #: for AMOUNT/INTEGER
    max_value: float = None


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str
    params: dict = field(default_factory=dict)

    def __str__(self):
        return self.message % self.params if self.params else self.message


_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_PHONE_RE = re.compile(r"^\+?[\d\s().\-/]{6,30}$")
_URL_RE = re.compile(r"^https?://[^\s<>\"']+\.[^\s<>\"']+$", re.I)
# Control characters other than tab / newline / carriage return
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

DEFAULT_MAX_LENGTH = {CHAR: 255, EMAIL: 254, PHONE: 40, URL: 512, TEXT: 5000}


def is_valid_email(value):
    return bool(value) and len(value) <= 254 and bool(_EMAIL_RE.match(value))


_SPACES = ("\u00a0", "\u202f", "\u2009", " ")


def _parse_localized(text, thousands_sep, decimal_point):
    """``text`` read in one locale, or None when it is not written that way.

    The integer part is either plain digits or grouped by ``thousands_sep``
    (last group of three digits; two or three digits in the other groups, for
    the languages grouping by lakhs); at most one ``decimal_point``.
    """
    dp = re.escape(decimal_point)
    integer = r"\d+"
    if (
        thousands_sep
        and thousands_sep not in _SPACES
        and thousands_sep != decimal_point
    ):
        ts = re.escape(thousands_sep)
        integer = rf"(?:\d+|\d{{1,3}}(?:{ts}\d{{2,3}})*{ts}\d{{3}})"
    match = re.fullmatch(rf"(?P<int>{integer})?(?:{dp}(?P<frac>\d+))?", text)
    if not match or not (match["int"] or match["frac"]):
        return None
    digits = re.sub(r"\D", "", match["int"] or "0")
    return Decimal(f"{digits}.{match['frac'] or 0}")


def parse_amount(value, thousands_sep=None, decimal_point=None):
    """Parse a monetary amount typed by a person.

    With the separators of the user's language (``decimal_point``, and
    ``thousands_sep``), an amount written that way is read that way first:
    ``"1.500"`` is one and a half in English and fifteen hundred in
    Vietnamese. Otherwise (or without a language), either ``.`` or ``,`` may
    be the thousands or the decimal separator (``"1.500.000"``,
    ``"1,500,000.50"``, ``"1 500 000,5"``). Returns a
    :class:`~decimal.Decimal` or raises ``ValueError``.
    """
    text = str(value).strip()
    for space in _SPACES:
        text = text.replace(space, "")
    text = re.sub(r"(?i)(vnd|vnđ|usd|eur|đ|₫|\$|€|£|¥)", "", text)
    if not re.fullmatch(r"[+-]?[\d.,]+", text) or not re.search(r"\d", text):
        raise ValueError(value)
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("+-")
    if decimal_point:
        number = _parse_localized(text, thousands_sep, decimal_point)
        if number is not None:
            return -number if sign else number
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        integer, _sep, fraction = text.rpartition(decimal_sep)
        if not re.fullmatch(r"\d{1,3}(?:" + re.escape(thousands) + r"\d{3})*", integer):
            raise ValueError(value)
        text = integer.replace(thousands, "") + "." + fraction
    elif has_dot or has_comma:
        sep = "." if has_dot else ","
        parts = text.split(sep)
        if len(parts) > 2 or (len(parts[-1]) == 3 and parts[0] != "0"):
            # "1.500.000" or "1,500": thousands separators
            if not re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", text):
                raise ValueError(value)
            text = text.replace(sep, "")
        else:
            text = parts[0] + "." + parts[1]
    if not re.fullmatch(r"\d*\.?\d+|\d+\.", text):
        raise ValueError(value)
    try:
        return Decimal(sign + text)
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def parse_date(value):
    """Parse ``YYYY-MM-DD`` (HTML date inputs) or ``DD/MM/YYYY``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def _clean_text(value, kind):
    text = "" if value is None else str(value)
    if kind == TEXT:
        text = text.replace("\r\n", "\n").strip()
    else:
        text = " ".join(text.split())
    return text


def _check_email(spec, text, today):
    if not is_valid_email(text):
        return None, FieldError(spec.name, "email", MSG_EMAIL)
    return text.lower(), None


def _check_phone(spec, text, today):
    if not _PHONE_RE.match(text) or len(re.sub(r"\D", "", text)) < 6:
        return None, FieldError(spec.name, "phone", MSG_PHONE)
    return text, None


def _check_url(spec, text, today):
    if not _URL_RE.match(text):
        return None, FieldError(spec.name, "url", MSG_URL)
    return text, None


def _check_number(spec, text, today, separators=None):
    try:
        number = parse_amount(text, *(separators or ()))
    except ValueError:
        return None, FieldError(spec.name, "number", MSG_NUMBER)
    if spec.kind == INTEGER:
        if number != number.to_integral_value():
            return None, FieldError(spec.name, "integer", MSG_INTEGER)
        number = int(number)
    if number < 0:
        return None, FieldError(spec.name, "negative", MSG_NEGATIVE)
    if spec.max_value is not None and number > spec.max_value:
        params = {"max": spec.max_value}
        return None, FieldError(spec.name, "too_large", MSG_TOO_LARGE, params)
    return (float(number) if spec.kind == AMOUNT else number), None


def _check_date(spec, text, today):
    try:
        day = parse_date(text)
    except ValueError:
        return None, FieldError(spec.name, "date", MSG_DATE)
    if spec.future_only and today is not None and day < today:
        return None, FieldError(spec.name, "past", MSG_PAST)
    return day, None


def _check_selection(spec, text, today):
    if text not in {str(c) for c in (spec.choices or ())}:
        return None, FieldError(spec.name, "choice", MSG_CHOICE)
    return text, None


_CHECKERS = {
    EMAIL: _check_email,
    PHONE: _check_phone,
    URL: _check_url,
    AMOUNT: _check_number,
    INTEGER: _check_number,
    DATE: _check_date,
    SELECTION: _check_selection,
}


def _check(spec, raw, today, separators=None):
    """Return ``(cleaned, error)`` for one field."""
    text = _clean_text(raw, spec.kind)
    if not text:
        if spec.required:
            return None, FieldError(spec.name, "required", MSG_REQUIRED)
        return None, None
    if _CONTROL_RE.search(text):
        return None, FieldError(spec.name, "control", MSG_CONTROL)
    max_length = spec.max_length or DEFAULT_MAX_LENGTH.get(spec.kind)
    if max_length and len(text) > max_length:
        params = {"max": max_length}
        return None, FieldError(spec.name, "too_long", MSG_TOO_LONG, params)
    checker = _CHECKERS.get(spec.kind)
    if checker is _check_number:
        return checker(spec, text, today, separators)
    return checker(spec, text, today) if checker else (text, None)


def validate(values, specs, today=None, separators=None):
    """Validate ``values`` (a mapping of raw strings, e.g. a POSTed form)
    against ``specs``.

    :returns: ``(cleaned, errors)``: ``cleaned`` maps every valid field to its
        parsed value (``None`` for empty optional fields); ``errors`` maps the
        name of every invalid field to its :class:`FieldError`.  Fields not in
        ``specs`` are ignored (never passed on).

    ``separators`` is ``(thousands_sep, decimal_point)`` of the user's
    language, for the amounts (see :func:`parse_amount`).
    """
    cleaned, errors = {}, {}
    for spec in specs:
        value, error = _check(spec, values.get(spec.name), today, separators)
        if error:
            errors[spec.name] = error
        else:
            cleaned[spec.name] = value
    return cleaned, errors


def is_honeypot_filled(values, honeypot_field):
    """True when a bot filled the hidden ``honeypot_field``."""
    return bool(str(values.get(honeypot_field) or "").strip())
