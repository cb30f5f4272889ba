# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Normalisation of end-customer identifiers for channel-conflict checks.

Plain Python and ``phonenumbers`` (the library of Odoo's phone_validation):
used by the models to fill indexed key columns and by the conflict matcher
to compare a registration with existing records.
Every function returns ``None`` (or an empty string for names) when the input
carries no usable identity, so that blanks never match each other.
"""

import re
import unicodedata

import phonenumbers
import tldextract

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL_LETTERS = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)


def strip_accents(text):
    """Return ``text`` without diacritics (Vietnamese tones, umlauts, ...)."""
    if not text:
        return ""
    text = str(text).translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _tokens(text):
    """Lower-case ASCII word tokens of ``text`` (punctuation is a separator)."""
    text = strip_accents(text).lower()
    text = text.replace("&", " and ")
    # Dotted abbreviations ("S.A.", "J.S.C") collapse into one token first so
    # that "s.a." and "sa" normalise alike.
    text = re.sub(
        r"\b(?:[a-z]\.){1,3}[a-z]\b\.?",
        lambda m: m.group(0).replace(".", ""),
        text,
    )
    return re.findall(r"[a-z0-9]+", text)


# --------------------------------------------------------------------------
# Company names
# --------------------------------------------------------------------------

# Legal forms, as token sequences after ``_tokens``.  "Strong" forms are
# removed wherever they appear; they are never part of a trading name.
_STRONG_LEGAL_FORMS = [
    # Vietnamese (longest first matters only within equal prefixes; the
    # list is sorted by length below)
    "cong ty trach nhiem huu han mot thanh vien",
    "cong ty trach nhiem huu han hai thanh vien tro len",
    "cong ty trach nhiem huu han",
    "trach nhiem huu han mot thanh vien",
    "trach nhiem huu han",
    "cong ty tnhh mtv",
    "cong ty tnhh",
    "cong ty co phan",
    "cong ty cp",
    "cong ty hop danh",
    "doanh nghiep tu nhan",
    "tnhh mtv",
    "tnhh",
    "mot thanh vien",
    "mtv",
    "tmcp",
    "dntn",
    # English and international
    "joint stock company",
    "public limited company",
    "limited liability company",
    "private limited",
    "co ltd",
    "company limited",
    "ltd",
    "limited",
    "llc",
    "llp",
    "plc",
    "jsc",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "gmbh",
    "mbh",
    "sarl",
    "pte",
    "pty",
    "bhd",
    "sdn bhd",
]

# "Weak" forms are ordinary words elsewhere ("Co", "AG", "Company"), so they
# are removed only where the form is written: before the name (prefix forms)
# or after it (suffix forms).
_PREFIX_LEGAL_FORMS = [
    "cong ty",
    "the",
    "ab",
    "pt",
    "cv",
]

_SUFFIX_LEGAL_FORMS = [
    "co phan",
    "cp",
    "company",
    "co",
    "sa",
    "sas",
    "sasu",
    "srl",
    "spa",
    "ag",
    "kg",
    "gmbh and co kg",
    "bv",
    "nv",
    "oy",
    "ab",
    "as",
    "aps",
    "kk",
    "tbk",
]


def _as_token_lists(forms):
    lists = [tuple(f.split()) for f in forms]
    return sorted(lists, key=len, reverse=True)


_STRONG = _as_token_lists(_STRONG_LEGAL_FORMS)
_PREFIXES = _as_token_lists(_PREFIX_LEGAL_FORMS)
_SUFFIXES = _as_token_lists(_SUFFIX_LEGAL_FORMS)


def _remove_anywhere(tokens, forms):
    result = []
    i = 0
    while i < len(tokens):
        for form in forms:
            if tuple(tokens[i : i + len(form)]) == form:
                i += len(form)
                break
        else:
            result.append(tokens[i])
            i += 1
    return result


def _remove_at_edges(tokens, prefixes, suffixes):
    changed = True
    while changed and tokens:
        changed = False
        for form in prefixes:
            if tuple(tokens[: len(form)]) == form:
                tokens = tokens[len(form) :]
                changed = True
                break
        for form in suffixes:
            if len(tokens) >= len(form) and tuple(tokens[-len(form) :]) == form:
                tokens = tokens[: -len(form)]
                changed = True
                break
    return tokens


def normalize_company_name(name):
    """Comparable company name: lower case, no accents, no punctuation and
    no legal form, words separated by one space.

    >>> normalize_company_name("Công ty TNHH Thương mại Ánh Dương")
    'thuong mai anh duong'
    >>> normalize_company_name("Anh Duong Trading Co., Ltd.")
    'anh duong trading'

    A name made only of legal-form words keeps its words rather than
    becoming empty (an empty key would match every other empty key).
    """
    tokens = _tokens(name)
    if not tokens:
        return ""
    stripped = _remove_anywhere(tokens, _STRONG)
    stripped = _remove_at_edges(stripped, _PREFIXES, _SUFFIXES)
    return " ".join(stripped or tokens)


def company_name_key(name):
    """Matching key of a company name: the normalised name without spaces,
    so that "Viet Tien" and "VietTien" match.  ``None`` when too short
    to identify anybody (fewer than 3 characters)."""
    key = normalize_company_name(name).replace(" ", "")
    return key if len(key) >= 3 else None


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


# --------------------------------------------------------------------------
# Distinctive part of a company name (fuzzy matching)
# --------------------------------------------------------------------------

# Abbreviated and translated legal forms, removed wherever they appear in the
# distinctive name on top of the forms of ``normalize_company_name``.
_DISTINCTIVE_LEGAL_FORMS = [
    "ctcp",
    "cty tnhh mtv",
    "cty tnhh",
    "cty co phan",
    "cty cp",
    "cty",
    "cong ty",
    "co phan",
    "one member limited liability company",
    "one member company limited",
    "one member",
    "shareholding company",
    "joint stock",
    "co ltd",
    "coltd",
    "pvt",
]

#: Words that say nothing about who the company is.
GENERIC_WORDS = (
    "viet nam",
    "vietnam",
    "vn",
    "group",
    "tap doan",
    "holding",
    "holdings",
)

_DISTINCTIVE_STRONG = _as_token_lists(_STRONG_LEGAL_FORMS + _DISTINCTIVE_LEGAL_FORMS)
_GENERIC = _as_token_lists(GENERIC_WORDS)

#: Shortest distinctive name worth a fuzzy comparison (characters).
MIN_DISTINCTIVE_LENGTH = 4


def trade_term_forms(terms):
    """Token sequences of a trade-word dictionary, longest first.

    :param terms: iterable of ``(word, canonical)`` pairs (``("Thương mại",
        "trading")``, ``("Trading", "trading")``); words and canonical
        tokens in any case, with or without accents
    :return: list of ``(tokens, canonical)`` to give to ``distinctive_name``
    """
    forms = {}
    for word, canonical in terms or ():
        tokens = tuple(_tokens(word))
        if tokens:
            forms[tokens] = " ".join(_tokens(canonical)) or " ".join(tokens)
    return sorted(forms.items(), key=lambda item: len(item[0]), reverse=True)


def distinctive_name(name, term_forms=()):
    """Distinctive part of a company name: accents folded, legal forms
    (also abbreviated: CTCP, Cty, TNHH MTV, JSC, Co., Ltd), trade words of
    the dictionary and generic words (Việt Nam, Group) removed, words
    separated by one space.  Empty when nothing distinctive remains.

    >>> forms = trade_term_forms([("Thép", "steel"), ("Steel", "steel")])
    >>> distinctive_name("Công ty TNHH Thép Sao Mai", forms)
    'sao mai'
    >>> distinctive_name("Sao Mai Steel Co., Ltd", forms)
    'sao mai'

    :param term_forms: result of :func:`trade_term_forms`
    """
    tokens = _tokens(name)
    tokens = _remove_anywhere(tokens, _DISTINCTIVE_STRONG)
    tokens = _remove_at_edges(tokens, _PREFIXES, _SUFFIXES)
    tokens = _remove_anywhere(tokens, [form for form, _canonical in term_forms])
    tokens = _remove_anywhere(tokens, _GENERIC)
    tokens = _remove_at_edges(tokens, _PREFIXES, _SUFFIXES)
    return " ".join(tokens)


def fuzzy_name_key(name, term_forms=()):
    """Key compared by trigram similarity: the distinctive name, ``None``
    when shorter than ``MIN_DISTINCTIVE_LENGTH`` letters.  The database
    compares it word by word and glued (without spaces), so that
    "Minhphat" meets "Minh Phat" and a typo in one word of two still
    leaves the other word's trigrams in common."""
    key = distinctive_name(name, term_forms)
    return key if len(key.replace(" ", "")) >= MIN_DISTINCTIVE_LENGTH else None
