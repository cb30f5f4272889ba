# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Distinctive names, registrable e-mail domains, and a labelled set of
customer pairs that a reviewer would (or would not) call the same company.

The database compares distinctive names by pg_trgm similarity; ``_trigram``
below computes it the way pg_trgm does for the keys we store (lower-case
letters and digits, one word), so that the labelled set is measured here
without a database.
"""

import pathlib
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, load_logic

logic = load_logic("prm_portal")
normalize = logic.normalize
identifiers = logic.identifiers
conflict = logic.conflict

TERMS_FILE = pathlib.Path(ROOT, "prm_portal", "data", "prm_conflict_term_data.xml")


def _seeded_terms():
    """(word, canonical) of the data file the addon installs."""
    terms = []
    for record in ET.parse(TERMS_FILE).getroot().iter("record"):
        values = {f.get("name"): f.text for f in record.iter("field")}
        terms.append((values["word"], values["canonical"]))
    return terms


FORMS = normalize.trade_term_forms(_seeded_terms())


def _trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _trigram(a, b):
    """pg_trgm ``similarity`` of two keys (words of letters and digits)."""
    ta = set().union(*map(_trigrams, a.split()))
    tb = set().union(*map(_trigrams, b.split()))
    return len(ta & tb) / len(ta | tb)


def _similarity(a, b):
    """What the check compares: the distinctive names word by word, and
    glued (``Minhphat`` against ``Minh Phat``)."""
    return max(_trigram(a, b), _trigram(a.replace(" ", ""), b.replace(" ", "")))


def _keys(record):
    return conflict.compute_keys(term_forms=FORMS, **record)


def _same_company(a, b, threshold=conflict.DEFAULT_NAME_SIMILARITY):
    """What the check reports: an exact key in common, or distinctive names
    at least ``threshold`` similar."""
    ka, kb = _keys(a), _keys(b)
    if conflict.match_criteria(ka, kb):
        return True
    if ka.fuzzy_name and kb.fuzzy_name:
        # the candidates the two name lookups return (see conflict_candidates_sql)
        glued = _trigram(ka.fuzzy_name.replace(" ", ""), kb.fuzzy_name.replace(" ", ""))
        if not conflict.is_name_candidate(
            ka.fuzzy_name, kb.fuzzy_name, glued, threshold
        ):
            return False
        similarity = _similarity(ka.fuzzy_name, kb.fuzzy_name)
        return conflict.similar_names(
            ka.fuzzy_name, kb.fuzzy_name, similarity, threshold
        )
    return False


# --------------------------------------------------------------------------
# Distinctive names
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Công ty TNHH Thép Sao Mai", "sao mai"),
        ("Sao Mai Steel Co., Ltd", "sao mai"),
        ("CTCP Đầu tư Ánh Dương", "anh duong"),
        ("C.T.C.P Anh Duong Investment", "anh duong"),
        ("Cty TNHH MTV Trường Sơn", "truong son"),
        ("Công ty TNHH Một thành viên Trường Sơn", "truong son"),
        ("Truong Son One Member Co.,Ltd", "truong son"),
        ("Minh Phat Technology Joint Stock Company", "minh phat"),
        ("Tập đoàn Hoà Phát Việt Nam", "hoa phat"),
        ("Hoa Phat Group", "hoa phat"),
        ("Công ty Cổ phần Thương mại Dịch vụ Việt Nam", ""),
        ("Sa Pa Travel", "sa pa"),
        # a typo in a word of the legal form leaves the form out all the same
        ("Cônng ty TNHH Thương mại An Bình Cát", "an binh cat"),
        ("Côông ty Cổ phần An Bình Cát", "an binh cat"),
        ("Công ty TNHHH Sao Mai", "sao mai"),
        ("Công ty Trách nhiệm hữu hạnn Sao Mai", "sao mai"),
        # ... but not a name word that looks like one
        ("Công ty Cơ Phát", "co phat"),
        ("Thành Cônng", "thanh conng"),
        ("", ""),
    ],
)
def test_distinctive_name(raw, expected):
    assert normalize.distinctive_name(raw, FORMS) == expected


def test_fuzzy_key_glues_words_and_skips_short_names():
    assert normalize.fuzzy_name_key("Minhphat Technology", FORMS) == "minhphat"
    assert normalize.fuzzy_name_key("Công ty Công nghệ Minh Phát", FORMS) == "minh phat"
    assert normalize.fuzzy_name_key("Công ty TNHH Á Âu", FORMS) is None
    assert normalize.fuzzy_name_key("Vietnam Trading JSC", FORMS) is None


def test_dictionary_is_an_argument():
    # without the dictionary the trade word stays distinctive
    assert normalize.distinctive_name("Sao Mai Steel") == "sao mai steel"
    forms = normalize.trade_term_forms([("Thép", "steel"), ("steel", "STEEL")])
    assert normalize.distinctive_name("Sao Mai Steel", forms) == "sao mai"
    assert normalize.trade_term_forms([("", "x")]) == []


def test_exact_name_key_unchanged_by_the_dictionary():
    keys = _keys({"name": "Công ty TNHH Thép Sao Mai"})
    assert keys.name == "thepsaomai"
    assert keys.fuzzy_name == "sao mai"


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("truongson", "trruongson", True),
        ("truongson", "truonson", True),
        ("truongson", "truognson", True),
        ("truongson", "truongsan", True),
        ("truongson", "truongson", False),
        ("truongson", "truongthanh", False),
        ("thanhcong", "thanhnam", False),
        ("ab", "ba", True),
    ],
)
def test_one_edit_apart(a, b, expected):
    assert conflict.one_edit_apart(a, b) is expected
    assert conflict.one_edit_apart(b, a) is expected
    # every pair one typo apart shares a spelling of the indexed lookup
    if expected and max(len(a), len(b)) >= conflict.TYPO_MIN_LENGTH:
        assert conflict.typo_variants_meet(a, b)


def test_typo_variants():
    assert conflict.typo_variants("minh phat") == (
        "inhphat mihphat minhhat minhpat minhpha minhphat minhpht minphat mnhphat"
    )
    # short names: only the glued name (no typo is told apart there)
    assert conflict.typo_variants("a au") == "aau"
    assert conflict.typo_variants(None) is None
    assert conflict.typo_variants_meet("minhphat", "minh phat")
    assert conflict.typo_variants_meet("truong son", "trruong son")
    assert not conflict.typo_variants_meet("thanh cong", "thanh nam")
    assert not conflict.typo_variants_meet("truong son", None)


def test_name_lookup_keys_pair_words_in_either_order():
    keys = conflict.name_lookup_keys("minh phat dat").split()
    assert {"dat|minh", "dat|phat", "minh|phat", "minhphatdat"} <= set(keys)
    assert conflict.name_lookup_keys("ha an") == "an|ha haan"
    assert conflict.name_lookup_keys(None) is None
    # a word added, words swapped, one typo: a key in common
    assert conflict.lookup_keys_meet("minh phat", "minh phat dat")
    assert conflict.lookup_keys_meet("phat minh", "minh phat")
    assert conflict.lookup_keys_meet("truong son", "trruong son")
    # one distinctive word apart: nothing in common
    assert not conflict.lookup_keys_meet("thanh cong", "thanh nam")
    assert not conflict.lookup_keys_meet("minh long", "minh phat")
    # long names pair a bounded number of words
    many = " ".join(f"w{i}x" for i in range(10))
    pairs = [k for k in conflict.name_lookup_keys(many).split() if "|" in k]
    assert len(pairs) == 15


def test_similar_names_by_score_or_by_one_typo():
    assert conflict.similar_names("sao mai", "sao mai", 1.0)
    assert conflict.similar_names("hoa binh", "hoa bnh", 0.5)
    assert conflict.similar_names("thanh cong", "thanh nam", 0.4, threshold=0.4)
    # too short to tell a typo from another name
    assert not conflict.similar_names("an a", "an b", 0.2)
    assert not conflict.similar_names(None, "sao mai", 1.0)


@pytest.mark.parametrize(
    "email, expected",
    [
        ("sales@hn.company.com.vn", "company.com.vn"),
        ("info@company.com.vn", "company.com.vn"),
        ("a@x.y.acme.co.uk", "acme.co.uk"),
        ("shop@one.blogspot.com", "one.blogspot.com"),
        ("lan@mail.yahoo.com", None),
        ("lan@hn.gmail.com", None),
    ],
)
def test_registrable_email_domain(email, expected):
    assert identifiers.email_domain(email) == expected


@pytest.mark.parametrize(
    "tax_id",
    ["MST: 0101 234 567", "Mã số thuế 0101234567-002", "VAT VN0101234567"],
)
def test_labelled_tax_ids(tax_id):
    assert identifiers.normalize_tax_id(tax_id) == "0101234567"


# --------------------------------------------------------------------------
# Labelled set
# --------------------------------------------------------------------------

NAMES = [
    "Sao Mai",
    "Ánh Dương",
    "Trường Sơn",
    "Minh Phát",
    "Hoà Bình",
    "Phú Thịnh",
    "Tân Cảng",
    "Bảo Long",
    "Thiên Long",
    "Việt Tiến",
    "Hải Đăng",
    "Kim Cương",
    "Phương Đông",
    "An Khang",
    "Thái Sơn",
    "Lạc Hồng",
    "Đại Phát",
    "Thành Công",
    "Hưng Thịnh",
    "Đông Á",
]

TRADES = [
    ("Thép", "Steel"),
    ("Thương mại", "Trading"),
    ("Xây dựng", "Construction"),
    ("Vận tải", "Logistics"),
    ("Dược phẩm", "Pharmaceutical"),
    ("Thực phẩm", "Foods"),
    ("Du lịch", "Travel"),
    ("Công nghệ", "Technology"),
    ("Dịch vụ", "Services"),
    ("Đầu tư", "Investment"),
]

# (form before the name, form after the name) pairs written two ways
LEGAL_FORMS = [
    (("CTCP ", ""), ("Công ty Cổ phần ", "")),
    (("Cty ", ""), ("Công ty ", "")),
    (("Công ty TNHH MTV ", ""), ("Công ty TNHH Một thành viên ", "")),
    (("", " JSC"), ("", " Joint Stock Company")),
    (("", " Co., Ltd"), ("", " Company Limited")),
    (("", " Co.,Ltd."), ("Cong ty TNHH ", "")),
    (("CÔNG TY CỔ PHẦN ", ""), ("", " J.S.C")),
    (("Cty CP ", ""), ("cong ty co phan ", "")),
]


#: Legal forms written with one typo in a word of theirs.
FORM_TYPOS = [
    "Cônng ty TNHH",
    "Côông ty Cổ phần",
    "Côngg ty",
    "Công ty TNHHH",
    "Cty TNH",
    "Cogn ty TNHH MTV",
    "Công ty Trách nhiệm hữu hạnn",
    "Cong ty Trahc nhiem huu han",
]

#: Third words of names of three words.
THIRD_WORDS = ["Xanh", "Vàng", "Đỏ", "Mới", "Lớn", "Hưng"]


def _unaccented(text):
    return normalize.strip_accents(text)


def _typo(name, i):
    """One-letter typo inside a word of the distinctive name: doubled,
    dropped or swapped letter, in turn."""
    letters = list(name)
    inside = [
        p
        for p in range(1, len(name) - 1)
        if name[p - 1].isalpha() and name[p].isalpha() and name[p + 1].isalpha()
    ]
    pos = inside[i % len(inside)]
    kind = i % 3
    if kind == 0:
        letters.insert(pos, letters[pos])
    elif kind == 1:
        del letters[pos]
    else:
        letters[pos], letters[pos + 1] = letters[pos + 1], letters[pos]
    return "".join(letters)


def _positives():
    cases = []
    for i, name in enumerate(NAMES):
        vi, en = TRADES[i % len(TRADES)]
        cases.append(
            (
                "cross-language",
                {"name": f"Công ty TNHH {vi} {name}"},
                {"name": f"{_unaccented(name)} {en} Co., Ltd"},
            )
        )
        (p1, s1), (p2, s2) = LEGAL_FORMS[i % len(LEGAL_FORMS)]
        cases.append(
            ("legal-form", {"name": f"{p1}{name}{s1}"}, {"name": f"{p2}{name}{s2}"})
        )
        (p1, s1), (p2, s2) = LEGAL_FORMS[(i + 3) % len(LEGAL_FORMS)]
        cases.append(
            (
                "legal-form-unaccented",
                {"name": f"{p1}{vi} {name}{s1}"},
                {"name": _unaccented(f"{p2}{vi} {name}{s2}")},
            )
        )
        cases.append(
            (
                "typo",
                {"name": f"Công ty TNHH {_typo(name, i)}"},
                {"name": f"{name} JSC"},
            )
        )
        glued = _unaccented(name).replace(" ", "").capitalize()
        cases.append(
            (
                "glued",
                {"name": f"{glued} {en}"},
                {"name": f"Công ty Cổ phần {vi} {name}"},
            )
        )
    for i, name in enumerate(NAMES):
        # a typo in the legal form of a name of three words ("Cônng ty TNHH")
        form = FORM_TYPOS[i % len(FORM_TYPOS)]
        third = THIRD_WORDS[i % len(THIRD_WORDS)]
        vi, en = TRADES[i % len(TRADES)]
        cases.append(
            (
                "legal-form-typo",
                {"name": f"{form} {vi} {name} {third}"},
                {"name": f"{_unaccented(name)} {third} {en} JSC"},
            )
        )
    for i in range(12):
        head = f"0{301234560 + 7919 * i}"
        written = [f"{head}-00{1 + i % 9}", f"VN {head}", f"{head[:4]}.{head[4:]}"]
        cases.append(
            (
                "tax",
                {"name": f"Alpha {i}", "tax_id": written[i % 3]},
                {"name": f"Omega {i}", "tax_id": head},
            )
        )
    for i in range(10):
        domain = f"cty{i}tech.com.vn"
        sub = ["hn", "hcm", "sales", "mail"][i % 4]
        cases.append(
            (
                "email",
                {"name": f"Alpha {i}", "email": f"sales@{sub}.{domain}"},
                {"name": f"Omega {i}", "email": f"info@{domain}"},
            )
        )
    for i in range(12):
        local = f"{4159 + i:04d} {7047 + 13 * i:04d}"
        written = [f"(028) {local} ext. {10 + i}", f"028.{local.replace(' ', '.')}"]
        cases.append(
            (
                "phone",
                {"name": f"Alpha {i}", "phone": written[i % 2]},
                {"name": f"Omega {i}", "phone": f"+84 28 {local}"},
            )
        )
    return cases


ONE_WORD_APART = [
    ("Thành Công", "Thành Nam"),
    ("Minh Phát", "Minh Long"),
    ("Hoà Phát", "Hoà Bình"),
    ("Phú Thịnh", "Hưng Thịnh"),
    ("Sao Mai", "Sao Việt"),
    ("Tân Cảng", "Tân Long"),
    ("Bảo Long", "Bảo Minh"),
    ("Thiên Long", "Thiên Phú"),
    ("Đông Á", "Đông Nam"),
    ("Kim Cương", "Kim Long"),
    ("An Khang", "An Phát"),
    ("Thái Sơn", "Thái Bình"),
    ("Đại Phát", "Đại Nam"),
    ("Hải Đăng", "Hải Long"),
    ("Việt Tiến", "Việt Thắng"),
    ("Phương Đông", "Phương Nam"),
    ("Lạc Hồng", "Lạc Việt"),
    ("Trường Sơn", "Trường Thành"),
    ("Ánh Dương", "Ánh Sao"),
    ("Sao Mai Xanh", "Sao Mai Vàng"),
]


def _negatives():
    cases = []
    for i, (a, b) in enumerate(ONE_WORD_APART):
        vi, en = TRADES[i % len(TRADES)]
        cases.append(
            ("one-word-apart", {"name": f"Công ty TNHH {a}"}, {"name": f"{b} JSC"})
        )
        cases.append(
            (
                "one-word-apart-trade",
                {"name": f"CTCP {vi} {a}"},
                {"name": f"{_unaccented(b)} {en} Co., Ltd"},
            )
        )
    for i, (a, b) in enumerate(ONE_WORD_APART[:10]):
        form = FORM_TYPOS[i % len(FORM_TYPOS)]
        third = THIRD_WORDS[i % len(THIRD_WORDS)]
        cases.append(
            (
                "one-word-apart-form-typo",
                {"name": f"{form} {a} {third}"},
                {"name": f"{b} {third} JSC"},
            )
        )
    for i, name in enumerate(NAMES):
        other = NAMES[(i + 7) % len(NAMES)]
        cases.append(
            ("different", {"name": f"Cty {name}"}, {"name": f"Công ty TNHH {other}"})
        )
    generic = [
        ("Công ty TNHH Thương mại Việt Nam", "Vietnam Trading JSC"),
        ("Tập đoàn Đầu tư Việt Nam", "Vietnam Investment Group"),
        ("CTCP Dịch vụ Du lịch Việt Nam", "Vietnam Travel Services Co., Ltd"),
        ("Công ty Công nghệ Việt Nam", "Viet Nam Technology Company Limited"),
        ("Sao Mai Việt Nam", "Trường Sơn Việt Nam"),
        ("Ánh Dương Group", "Minh Phát Group"),
        ("Hoà Bình Vietnam", "Kim Cương Vietnam"),
        ("Thép Việt Nam", "Vietnam Steel Holdings"),
    ]
    cases += [("generic-only", {"name": a}, {"name": b}) for a, b in generic]
    for i in range(12):
        head = 301234560 + 7919 * i
        cases.append(
            (
                "tax-one-digit",
                {"name": f"Alpha {i}", "tax_id": f"0{head}"},
                {"name": f"Omega {i}", "tax_id": f"0{head + 1 + i % 8}"},
            )
        )
    free = ["gmail.com", "yahoo.com.vn", "hotmail.com", "outlook.com", "icloud.com"]
    for i in range(10):
        domain = free[i % len(free)]
        cases.append(
            (
                "free-mail",
                {"name": f"Alpha {i}", "email": f"lan{i}@{domain}"},
                {"name": f"Omega {i}", "email": f"minh{i}@{domain}"},
            )
        )
    for i in range(4):
        cases.append(
            (
                "other-domain",
                {"name": f"Alpha {i}", "email": f"a@shop{i}.blogspot.com"},
                {"name": f"Omega {i}", "email": f"b@shop{i + 1}.blogspot.com"},
            )
        )
    for i in range(12):
        local = f"{4159 + i:04d} {7047 + 13 * i:04d}"
        near = f"{4159 + i:04d} {7047 + 13 * i + 1 + i % 5:04d}"
        cases.append(
            (
                "phone-prefix",
                {"name": f"Alpha {i}", "phone": f"(028) {local}"},
                {"name": f"Omega {i}", "phone": f"+84 28 {near}"},
            )
        )
    return cases


POSITIVES = _positives()
NEGATIVES = _negatives()


def test_labelled_set_is_large_enough():
    assert len(POSITIVES) + len(NEGATIVES) >= 150
    assert len(NEGATIVES) >= 50
    categories = {c[0] for c in POSITIVES} | {c[0] for c in NEGATIVES}
    assert len(categories) >= 15


def test_labelled_set_recall_and_false_alarms():
    missed = [c for c in POSITIVES if not _same_company(c[1], c[2])]
    alarms = [c for c in NEGATIVES if _same_company(c[1], c[2])]
    recall = 1 - len(missed) / len(POSITIVES)
    false_alarms = len(alarms) / len(NEGATIVES)
    assert recall >= 0.95, missed
    assert false_alarms <= 0.02, alarms


def test_the_issue_examples():
    assert _same_company(
        {"name": "Công ty TNHH Thép Sao Mai"}, {"name": "Sao Mai Steel Co., Ltd"}
    )
    assert _same_company({"name": "Trrường Sơn"}, {"name": "Trường Sơn"})
    assert _same_company(
        {"name": "Minhphat Technology"}, {"name": "CTCP Công nghệ Minh Phát"}
    )
    assert not _same_company({"name": "Thành Công"}, {"name": "Thành Nam"})
    assert _same_company(
        {"phone": "(028) 4159-7047 ext. 10"}, {"phone": "+84 28 4159 7047"}
    )
