# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer identifiers other than the name, normalised for channel-conflict
checks: e-mail and web domains (registrable domain from the public suffix
list that ``tldextract`` bundles, no network), phone numbers (``phonenumbers``,
the library of Odoo's phone_validation) and tax ids (Vietnamese branch codes
folded onto the head office). Every function returns ``None`` when the input
carries no usable identity, so that blanks never match each other.
"""

import re

import phonenumbers
import tldextract

from .normalize import strip_accents

# --------------------------------------------------------------------------
# E-mail and web domains
# --------------------------------------------------------------------------

# Providers where a shared domain says nothing about the employer.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.com.vn",
        "ymail.com",
        "rocketmail.com",
        "outlook.com",
        "outlook.com.vn",
        "hotmail.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "web.de",
        "mail.com",
        "mail.ru",
        "yandex.com",
        "yandex.ru",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "tutanota.com",
        "zoho.com",
        "fastmail.com",
        "hey.com",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "vnn.vn",
        "example.com",
    }
)

# Providers present under many country TLDs (yahoo.fr, hotmail.co.uk, ...).
_FREE_MAIL_LABELS = frozenset(
    {"gmail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "aol", "gmx"}
)

# The public suffix list bundled with tldextract, never fetched: multi-part
# suffixes (com.vn, co.uk) and private suffixes (blogspot.com) are known.
_PSL = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)

_DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def is_free_mail_domain(domain):
    domain = (domain or "").lower().strip(".")
    if domain in FREE_MAIL_DOMAINS:
        return True
    return domain.split(".", 1)[0] in _FREE_MAIL_LABELS


def _clean_domain(domain):
    domain = strip_accents(domain or "").strip().lower().rstrip(".")
    for prefix in ("www.", "mail."):
        if domain.startswith(prefix) and domain.count(".") >= 2:
            domain = domain[len(prefix) :]
    return domain if _DOMAIN_RE.match(domain) else None


def registrable_domain(domain):
    """Domain a company registers, under its public suffix
    (``hn.company.com.vn`` -> ``company.com.vn``); the domain itself when
    the list does not know its suffix."""
    parts = _PSL(domain)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return domain


def email_domain(email, ignore_free=True):
    """Registrable domain of an e-mail address, lower case
    (``sales@hn.acme.com.vn`` -> ``acme.com.vn``); ``None`` for invalid
    addresses and (by default) for free-mail providers.

    Accepts display forms such as ``"Lan <lan@acme.vn>"``.
    """
    if not email:
        return None
    email = str(email).strip()
    bracket = re.search(r"<([^<>]+)>", email)
    if bracket:
        email = bracket.group(1)
    if email.count("@") != 1:
        return None
    local, domain = email.split("@")
    if not local.strip():
        return None
    domain = _clean_domain(domain)
    if not domain:
        return None
    domain = registrable_domain(domain)
    if ignore_free and is_free_mail_domain(domain):
        return None
    return domain


def website_domain(url, ignore_free=True):
    """Host of a website URL (``https://www.acme.vn/about`` -> ``acme.vn``)."""
    if not url:
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", str(url).strip().lower())
    host = re.split(r"[/?#:]", host, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1]
    domain = _clean_domain(host)
    if not domain or (ignore_free and is_free_mail_domain(domain)):
        return None
    return domain


# --------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------

# Vietnam moved 11-digit mobile numbers to 10 digits in 2018; a customer
# may still give the old number.  Old prefix (after the trunk 0) -> new.
VN_OLD_MOBILE_PREFIXES = {
    "120": "70",
    "121": "79",
    "122": "77",
    "126": "76",
    "128": "78",
    "123": "83",
    "124": "84",
    "125": "85",
    "127": "81",
    "129": "82",
    "162": "32",
    "163": "33",
    "164": "34",
    "165": "35",
    "166": "36",
    "167": "37",
    "168": "38",
    "169": "39",
    "186": "56",
    "188": "58",
    "199": "59",
}

_EXTENSION_RE = re.compile(r"(?:ext\.?|extension|x|#|máy lẻ|ml)\s*\d+\s*$", re.I)


def _vn_national(national):
    """Modernise an old 11-digit Vietnamese mobile number (without 0/84)."""
    if len(national) == 10 and national[:3] in VN_OLD_MOBILE_PREFIXES:
        return VN_OLD_MOBILE_PREFIXES[national[:3]] + national[3:]
    return national


def normalize_phone(phone, country_code="VN"):
    """International digits of a phone number, without ``+``
    (``"090 312 3456"`` -> ``"84903123456"``); ``None`` when fewer than
    7 digits remain or the number cannot be read.  ``country_code`` (ISO
    alpha-2) interprets numbers given in national form; Vietnam is the
    default market.  ``phonenumbers`` reads the number with the numbering
    plan of its country."""
    if not phone:
        return None
    text = _EXTENSION_RE.sub("", str(phone).strip())
    if len(re.sub(r"\D", "", text)) < 7:
        return None
    try:
        number = phonenumbers.parse(text, (country_code or "").upper() or None)
    except phonenumbers.NumberParseException:
        return None
    national = phonenumbers.national_significant_number(number)
    if number.country_code == 84:
        national = _vn_national(national)
    return f"{number.country_code}{national}"


# --------------------------------------------------------------------------
# Tax identifiers
# --------------------------------------------------------------------------

_PLACEHOLDER_TAX_IDS = frozenset({"", "NA", "NONE", "NIL", "NULL", "UNKNOWN", "TBD"})

# Labels written in front of the number ("MST: 0101234567", "Tax ID 0101...").
_TAX_LABEL_RE = re.compile(r"^(?:MST|MA SO THUE|TAX ID|TAX CODE|VAT)\b\s*[:.#]?\s*")


def normalize_tax_id(tax_id):
    """Comparable tax identifier: upper-case letters and digits only, the
    two-letter country prefix removed (``"VN 0101-234-567"`` ->
    ``"0101234567"``).  A Vietnamese branch code (``0101234567-001``)
    is dropped: branches belong to the same customer.  ``None`` for
    placeholders and anything shorter than 5 characters."""
    if not tax_id:
        return None
    text = strip_accents(str(tax_id)).upper().strip()
    text = _TAX_LABEL_RE.sub("", text)
    branch = re.match(r"^(?:VN)?\s*(\d{10})\s*-\s*\d{3}$", text)
    value = re.sub(r"[^A-Z0-9]", "", text)
    if branch:
        value = branch.group(1)
    if value in _PLACEHOLDER_TAX_IDS or set(value) <= {"0"}:
        return None
    vietnamese = value.startswith("VN")
    if re.match(r"^[A-Z]{2}\d", value):
        value = value[2:]
    if vietnamese and len(value) == 13 and value.isdigit():
        # 13-digit form: 10-digit enterprise code + 3-digit branch code
        value = value[:10]
    return value if len(value) >= 5 else None
