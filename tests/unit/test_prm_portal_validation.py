# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Server-side validation of the portal forms."""

from datetime import date
from decimal import Decimal

import pytest
from conftest import load_logic

validation = load_logic("prm_portal").validation
V = validation

TODAY = date(2026, 3, 15)

DEAL_SPECS = [
    V.FieldSpec("company_name", V.CHAR, required=True, max_length=100),
    V.FieldSpec("email", V.EMAIL, required=True),
    V.FieldSpec("phone", V.PHONE),
    V.FieldSpec("expected_revenue", V.AMOUNT, required=True, max_value=10**12),
    V.FieldSpec("date_close", V.DATE, required=True, future_only=True),
    V.FieldSpec("quantity", V.INTEGER),
    V.FieldSpec("country", V.SELECTION, choices=(1, 2, 3)),
    V.FieldSpec("website", V.URL),
    V.FieldSpec("notes", V.TEXT, max_length=20),
]


def valid_form(**overrides):
    values = {
        "company_name": "  Công ty   TNHH Ánh Dương ",
        "email": "Lan@AnhDuong.vn",
        "phone": "+84 903 123 456",
        "expected_revenue": "150.000.000",
        "date_close": "2026-04-30",
        "quantity": "12",
        "country": "2",
        "website": "https://anhduong.vn",
        "notes": "line 1\r\nline 2",
    }
    values.update(overrides)
    return values


def test_valid_form_is_cleaned():
    cleaned, errors = V.validate(valid_form(), DEAL_SPECS, today=TODAY)
    assert errors == {}
    assert cleaned == {
        "company_name": "Công ty TNHH Ánh Dương",
        "email": "lan@anhduong.vn",
        "phone": "+84 903 123 456",
        "expected_revenue": 150000000.0,
        "date_close": date(2026, 4, 30),
        "quantity": 12,
        "country": "2",
        "website": "https://anhduong.vn",
        "notes": "line 1\nline 2",
    }


def test_unknown_fields_are_dropped():
    cleaned, errors = V.validate(valid_form(state="approved"), DEAL_SPECS, today=TODAY)
    assert not errors
    assert "state" not in cleaned


def test_required_fields_report_each_error():
    cleaned, errors = V.validate(
        {"company_name": "   ", "phone": ""}, DEAL_SPECS, today=TODAY
    )
    assert set(errors) == {"company_name", "email", "expected_revenue", "date_close"}
    assert all(e.code == "required" for e in errors.values())
    assert str(errors["email"]) == "This field is required."
    # optional empty fields are valid and empty
    assert cleaned["phone"] is None


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("email", "lan@", "email"),
        ("email", "lan at acme.vn", "email"),
        ("email", "<script>@x.vn", "email"),
        ("phone", "call me", "phone"),
        ("phone", "12", "phone"),
        ("expected_revenue", "abc", "number"),
        ("expected_revenue", "1e9", "number"),
        ("expected_revenue", "12..5", "number"),
        ("expected_revenue", "-5", "negative"),
        ("expected_revenue", "10000000000000", "too_large"),
        ("quantity", "1.5", "integer"),
        ("date_close", "2026-03-14", "past"),
        ("date_close", "31/02/2026", "date"),
        ("date_close", "tomorrow", "date"),
        ("country", "99", "choice"),
        ("website", "javascript:alert(1)", "url"),
        ("notes", "x" * 21, "too_long"),
        ("company_name", "Acme\x00", "control"),
    ],
)
def test_invalid_values(field, value, code):
    cleaned, errors = V.validate(valid_form(**{field: value}), DEAL_SPECS, today=TODAY)
    assert list(errors) == [field]
    assert errors[field].code == code
    assert field not in cleaned


def test_too_long_message_has_parameters():
    __, errors = V.validate(valid_form(notes="x" * 30), DEAL_SPECS, today=TODAY)
    error = errors["notes"]
    assert error.message == "Please enter at most %(max)s characters."
    assert error.params == {"max": 20}
    assert str(error) == "Please enter at most 20 characters."


def test_default_max_length_applies_to_char():
    specs = [V.FieldSpec("name")]
    __, errors = V.validate({"name": "x" * 256}, specs, today=TODAY)
    assert errors["name"].code == "too_long"


def test_today_is_accepted_and_dd_mm_yyyy_parsed():
    cleaned, errors = V.validate(
        valid_form(date_close="15/03/2026"), DEAL_SPECS, today=TODAY
    )
    assert not errors
    assert cleaned["date_close"] == TODAY


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1500000", Decimal("1500000")),
        ("1.500.000", Decimal("1500000")),
        ("1,500,000", Decimal("1500000")),
        ("1 500 000", Decimal("1500000")),
        ("1,500,000.50", Decimal("1500000.50")),
        ("1.500.000,50", Decimal("1500000.50")),
        ("1500,5", Decimal("1500.5")),
        ("1500.25", Decimal("1500.25")),
        ("0.500", Decimal("0.500")),
        ("150.000.000 VND", Decimal("150000000")),
        ("150.000.000đ", Decimal("150000000")),
        ("$1,200", Decimal("1200")),
    ],
)
def test_parse_amount(text, expected):
    assert V.parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,50,000", "1.2.3", "1.000,000.5", "--1"])
def test_parse_amount_rejects(text):
    with pytest.raises(ValueError):
        V.parse_amount(text)


EN = (",", ".")
VI = (".", ",")


@pytest.mark.parametrize(
    "text, separators, expected",
    [
        # what the portal pre-fills is read back in the same language
        ("450,000,000.00", EN, Decimal("450000000")),
        ("450.000.000,00", VI, Decimal("450000000")),
        ("1,234,567.89", EN, Decimal("1234567.89")),
        # the same text, two languages, two amounts
        ("1.500", EN, Decimal("1.5")),
        ("1.500", VI, Decimal("1500")),
        ("12,500", VI, Decimal("12.5")),
        ("12,500", EN, Decimal("12500")),
        # grouping by lakhs and a narrow no-break space as separator
        ("1,00,00,000.50", EN, Decimal("10000000.50")),
        ("1\u202f500\u202f000,5", ("\u202f", ","), Decimal("1500000.5")),
        # not written in the language: the tolerant reading still applies
        ("150.000.000", EN, Decimal("150000000")),
        ("1,500,000.50", VI, Decimal("1500000.50")),
    ],
)
def test_parse_amount_in_the_users_language(text, separators, expected):
    assert V.parse_amount(text, *separators) == expected


@pytest.mark.parametrize("text", ["4.5e+08", "1e6", "1,2,3.4.5"])
def test_parse_amount_in_language_rejects(text):
    with pytest.raises(ValueError):
        V.parse_amount(text, *EN)


def test_validate_reads_amounts_in_the_users_language():
    spec = [V.FieldSpec("amount", V.AMOUNT, required=True)]
    cleaned, errors = V.validate({"amount": "2.500"}, spec, separators=EN)
    assert not errors and cleaned["amount"] == 2.5
    cleaned, errors = V.validate({"amount": "2.500"}, spec, separators=VI)
    assert not errors and cleaned["amount"] == 2500


def test_honeypot():
    assert V.is_honeypot_filled({"website_url": "http://spam"}, "website_url")
    assert not V.is_honeypot_filled({"website_url": "  "}, "website_url")
    assert not V.is_honeypot_filled({}, "website_url")
