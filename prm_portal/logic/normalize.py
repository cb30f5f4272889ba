# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Normalisation of end-customer company names for channel-conflict checks:
the exact name key and the distinctive part that fuzzy matching compares
(the other identifiers are in ``identifiers``).

Plain Python: used by the models to fill indexed key columns and by the
conflict matcher to compare a registration with existing records.
Every function returns ``None`` (or an empty string for names) when the input
carries no usable identity, so that blanks never match each other.
"""

import re
import unicodedata

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


def one_edit_apart(a, b):
    """True when ``b`` is ``a`` with one letter added, dropped, replaced
    or swapped with its neighbour (and ``a != b``)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]


#: Words of legal forms that, written with one typo in the form ("Cônng
#: ty", "TNHHH", "hữu hạnn"), are still the form; not "Phần" nor "Thành"
#: ("Công ty Cơ Phát" is no "Công ty Cổ phần").
FORM_TYPO_WORDS = frozenset(
    (
        "cong",
        "tnhh",
        "ctcp",
        "tmcp",
        "trach",
        "nhiem",
        "huu",
        "han",
        "joint",
        "stock",
        "company",
        "limited",
        "corporation",
        "incorporated",
    )
)


def _is_form(tokens, form, typos=False):
    """Whether ``tokens`` (as many as ``form``) are the legal form ``form``,
    with ``typos`` also when one word of ``FORM_TYPO_WORDS`` is written one
    typo away and the others are right ("cong ty tnhhh", "conng ty")."""
    if tokens == form:
        return True
    if not typos or len(tokens) != len(form):
        return False
    wrong = [
        i
        for i, (token, word) in enumerate(zip(tokens, form, strict=True))
        if token != word
    ]
    return (
        len(wrong) == 1
        and form[wrong[0]] in FORM_TYPO_WORDS
        and one_edit_apart(tokens[wrong[0]], form[wrong[0]])
    )


def _remove_anywhere(tokens, forms, typos=False):
    """``tokens`` without the forms of ``forms`` (longest first), also
    written with one typo with ``typos`` (see ``_is_form``)."""
    result = []
    i = 0
    while i < len(tokens):
        for form in forms:
            if _is_form(tuple(tokens[i : i + len(form)]), form, typos):
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
    # legal forms, also with a typo in a word of theirs ("Cônng ty TNHH")
    tokens = _remove_anywhere(tokens, _DISTINCTIVE_STRONG, typos=True)
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
