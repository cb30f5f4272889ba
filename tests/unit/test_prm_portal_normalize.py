# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Normalisation of company names, e-mail domains, phones and tax ids."""

import pytest
from conftest import load_logic

normalize = load_logic("prm_portal").normalize
identifiers = load_logic("prm_portal").identifiers


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Công ty TNHH Thương mại Ánh Dương", "thuong mai anh duong"),
        ("CÔNG TY CỔ PHẦN SỮA VIỆT NAM", "sua viet nam"),
        ("Công ty CP Đầu tư Đông Á", "dau tu dong a"),
        ("Công ty TNHH MTV Điện máy Xanh", "dien may xanh"),
        ("Điện Máy Xanh TNHH MTV", "dien may xanh"),
        ("Công ty Trách nhiệm Hữu hạn Một thành viên Hoà Phát", "hoa phat"),
        ("Hoa Phat JSC", "hoa phat"),
        ("Anh Duong Trading Co., Ltd.", "anh duong trading"),
        ("Anh Duong Trading Co. Ltd", "anh duong trading"),
        ("ACME, LLC", "acme"),
        ("Müller GmbH", "muller"),
        ("Acme Inc.", "acme"),
        ("Acme Corp", "acme"),
        ("Nestlé S.A.", "nestle"),
        ("Nestle SA", "nestle"),
        ("  Tiki   Corporation ", "tiki"),
        ("Smith & Sons Ltd", "smith and sons"),
        ("Ngân hàng TMCP Ngoại thương", "ngan hang ngoai thuong"),
    ],
)
def test_company_name_normalised(raw, expected):
    assert normalize.normalize_company_name(raw) == expected


def test_vietnamese_and_english_forms_share_a_key():
    vi = normalize.company_name_key("Công ty Cổ phần Hòa Phát")
    en = normalize.company_name_key("HOA PHAT JSC")
    assert vi == en == "hoaphat"


def test_d_with_stroke_is_folded():
    assert normalize.strip_accents("Đà Nẵng đẹp") == "Da Nang dep"


def test_weak_forms_only_removed_at_the_edges():
    # "Co" inside a name is a word, not a legal form
    assert normalize.normalize_company_name("Blue Co Working Ltd") == "blue co working"
    assert normalize.normalize_company_name("AB Volvo") == "volvo"
    assert normalize.normalize_company_name("Sa Pa Travel") == "sa pa travel"


def test_name_of_only_legal_forms_is_kept():
    assert normalize.normalize_company_name("Company Ltd") == "company ltd"


def test_empty_or_short_names_give_no_key():
    assert normalize.normalize_company_name("") == ""
    assert normalize.normalize_company_name(None) == ""
    assert normalize.company_name_key("Công ty TNHH A") is None
    assert normalize.company_name_key("!!!") is None


def test_space_insensitive_key():
    assert normalize.company_name_key("Viet Tien") == normalize.company_name_key(
        "VietTien Co., Ltd"
    )


@pytest.mark.parametrize(
    "email, expected",
    [
        ("lan@acme.vn", "acme.vn"),
        ("Lan.Nguyen@ACME.com.VN", "acme.com.vn"),
        ("Lan Nguyen <lan@acme.vn>", "acme.vn"),
        ("lan@mail.acme.vn", "acme.vn"),
        ("lan@gmail.com", None),
        ("lan@yahoo.com.vn", None),
        ("lan@yahoo.fr", None),
        ("lan@hotmail.co.uk", None),
        ("lan@outlook.com", None),
        ("lan@icloud.com", None),
        ("not-an-email", None),
        ("a@b@c.com", None),
        ("@acme.vn", None),
        ("lan@acme", None),
        ("", None),
        (None, None),
    ],
)
def test_email_domain(email, expected):
    assert identifiers.email_domain(email) == expected


def test_free_mail_domain_kept_on_request():
    assert identifiers.email_domain("lan@gmail.com", ignore_free=False) == "gmail.com"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.acme.vn/about", "acme.vn"),
        ("acme.vn", "acme.vn"),
        ("http://ACME.vn:8080", "acme.vn"),
        ("https://sites.google.com/x", "sites.google.com"),
        ("https://gmail.com", None),
        ("", None),
    ],
)
def test_website_domain(url, expected):
    assert identifiers.website_domain(url) == expected


@pytest.mark.parametrize(
    "phone, country, expected",
    [
        ("0903 123 456", "VN", "84903123456"),
        ("+84 903 123 456", "VN", "84903123456"),
        ("+84 (0) 903 123 456", "VN", "84903123456"),
        ("84903123456", "VN", "84903123456"),
        ("0084-903-123-456", "VN", "84903123456"),
        ("903.123.456", "VN", "84903123456"),
        ("(028) 3812 3456", "VN", "842838123456"),
        # pre-2018 11-digit mobile number is modernised
        ("0168 912 3456", "VN", "84389123456"),
        ("+84 168 912 3456", "VN", "84389123456"),
        ("0903 123 456 ext. 12", "VN", "84903123456"),
        ("(415) 555-0100", "US", "14155550100"),
        ("+1 415 555 0100", "VN", "14155550100"),
        ("030 1234567", "DE", "49301234567"),
        ("12345", "VN", None),
        ("n/a", "VN", None),
        ("", "VN", None),
    ],
)
def test_phone(phone, country, expected):
    assert identifiers.normalize_phone(phone, country) == expected


def test_phone_default_country_is_vietnam():
    assert identifiers.normalize_phone("0903123456") == "84903123456"


@pytest.mark.parametrize(
    "tax_id, expected",
    [
        ("0101234567", "0101234567"),
        ("VN0101234567", "0101234567"),
        ("vn 0101-234-567", "0101234567"),
        ("0101234567-001", "0101234567"),
        ("VN0101234567001", "0101234567"),
        ("DE 123.456.789", "123456789"),
        ("1234567890123", "1234567890123"),  # a Thai tax id is not truncated
        ("N/A", None),
        ("0000000", None),
        ("123", None),
        ("", None),
        (None, None),
    ],
)
def test_tax_id(tax_id, expected):
    assert identifiers.normalize_tax_id(tax_id) == expected
