# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel-conflict matching and scoring."""

import pytest
from conftest import load_logic

logic = load_logic("prm_portal")
conflict = logic.conflict


def keys(**kwargs):
    return conflict.compute_keys(**kwargs)


def test_compute_keys_normalises_every_identifier():
    k = keys(
        name="Công ty TNHH Ánh Dương",
        tax_id="VN 0101234567",
        email="lan@anhduong.vn",
        phone="0903 123 456",
    )
    assert k == conflict.CustomerKeys(
        tax_id="0101234567",
        email_domain="anhduong.vn",
        phone="84903123456",
        name="anhduong",
    )


def test_free_mail_falls_back_on_website_domain():
    k = keys(name="Acme", email="boss@gmail.com", website="https://www.acme.vn")
    assert k.email_domain == "acme.vn"
    assert keys(name="Acme", email="boss@gmail.com").email_domain is None


def test_criteria_rank_and_weights():
    assert conflict.CRITERIA == ("tax_id", "email_domain", "phone", "name")
    weights = [conflict.WEIGHTS[c] for c in conflict.CRITERIA]
    assert weights == sorted(weights, reverse=True)
    assert len(set(weights)) == len(weights)


@pytest.mark.parametrize(
    "criteria, expected",
    [
        ((), 0),
        (("name",), 50),
        (("phone",), 60),
        (("email_domain",), 70),
        (("tax_id",), 100),
        (("email_domain", "name"), 80),
        (("email_domain", "phone", "name"), 90),
        (("tax_id", "email_domain", "phone", "name"), 100),
    ],
)
def test_score(criteria, expected):
    assert conflict.score(criteria) == expected


def test_severity_levels():
    assert conflict.severity(100) == "high"
    assert conflict.severity(90) == "high"
    assert conflict.severity(70) == "medium"
    assert conflict.severity(50) == "low"


def test_blank_keys_never_match():
    a = conflict.CustomerKeys(name="acme")
    b = conflict.CustomerKeys(name="acme")
    assert conflict.match_criteria(a, b) == ("name",)
    empty = conflict.CustomerKeys()
    assert conflict.match_criteria(empty, empty) == ()
    assert conflict.find_conflicts(empty, [(1, empty)]) == []


def test_vietnamese_and_english_names_of_one_customer_conflict():
    registered = keys(name="Công ty Cổ phần Hòa Phát")
    existing = keys(name="HOA PHAT JSC")
    found = conflict.find_conflicts(registered, [("lead", existing)])
    assert [(c.ref, c.criteria, c.score) for c in found] == [("lead", ("name",), 50)]


def test_find_conflicts_orders_by_score_then_strength():
    registered = keys(
        name="Anh Duong Co., Ltd",
        tax_id="0101234567",
        email="lan@anhduong.vn",
        phone="0903123456",
    )
    candidates = [
        ("name-only", keys(name="Công ty TNHH Anh Dương"), "lead"),
        ("unrelated", keys(name="Other", tax_id="0109999999", phone="0281234567")),
        ("phone", keys(name="X Y Z", phone="+84 903 123 456"), "order"),
        ("tax", keys(name="Other Name", tax_id="VN0101234567-002"), "registration"),
        ("domain+name", keys(name="Anh Duong", email="sales@anhduong.vn"), "lead"),
    ]
    found = conflict.find_conflicts(registered, candidates)
    assert [c.ref for c in found] == ["tax", "domain+name", "phone", "name-only"]
    tax = found[0]
    assert tax.reason == "tax_id"
    assert tax.kind == "registration"
    assert conflict.severity(tax.score) == "high"
    assert found[1].criteria == ("email_domain", "name")
    assert found[1].score == 80
    assert found[2].criteria == ("phone",)


def test_equal_scores_sort_by_strongest_criterion():
    registered = keys(name="Acme Vietnam", phone="0903123456", email="a@acme.vn")
    found = conflict.find_conflicts(
        registered,
        [
            ("p", keys(name="zz", phone="0903123456")),  # 60
            ("d", keys(name="yy", email="b@acme.vn")),  # 70
        ],
    )
    assert [c.ref for c in found] == ["d", "p"]


def test_min_score_filters_weak_matches():
    registered = keys(name="Acme Vietnam", phone="0903123456")
    candidates = [(1, keys(name="Acme Vietnam Ltd")), (2, keys(phone="0903123456"))]
    found = conflict.find_conflicts(registered, candidates, min_score=60)
    assert [c.ref for c in found] == [2]


def test_free_mail_domains_do_not_conflict():
    a = keys(name="Alpha Trading", email="alpha@gmail.com")
    b = keys(name="Beta Services", email="beta@gmail.com")
    assert conflict.find_conflicts(a, [(1, b)]) == []


def test_lookup_values_skips_blank_keys():
    k = keys(name="Acme Vietnam", email="x@gmail.com")
    assert conflict.lookup_values(k) == {"name": "acmevietnam"}


def test_candidate_conflicts_exact_keys_first_then_similar_names():
    mine = conflict.CustomerKeys(tax_id="0101234567", fuzzy_name="sao mai")
    same_tax = conflict.CustomerKeys(tax_id="0101234567", fuzzy_name="hoa binh")
    similar = conflict.CustomerKeys(phone="84281234567", fuzzy_name="sao mai")
    typo = conflict.CustomerKeys(fuzzy_name="truong sonn")
    other = conflict.CustomerKeys(fuzzy_name="sao viet")
    found = conflict.candidate_conflicts(
        mine,
        [
            ("lead-2", similar, "lead", 1.0),
            ("lead-1", same_tax, "lead", 0.1),
            # found by two lookups: counted once
            ("lead-1", same_tax, "lead", 0.1),
            ("lead-3", other, "lead", 0.45),
        ],
        threshold=0.6,
    )
    assert [(c.ref, c.criteria, c.score) for c in found] == [
        ("lead-1", ("tax_id",), 100),
        ("lead-2", ("fuzzy_name",), 40),
    ]
    assert found[1].similarity == 1.0
    # a distinctive name alone (no exact key): one typo apart is similar
    found = conflict.candidate_conflicts(
        conflict.CustomerKeys(fuzzy_name="truong son"),
        [("lead-4", typo, "lead", 0.55), ("lead-5", other, "lead", None)],
    )
    assert [(c.ref, c.similarity) for c in found] == [("lead-4", 0.55)]


def test_name_candidates_of_the_two_lookups():
    # spellings: one typo apart, or the two words of a name
    assert conflict.is_name_candidate("truong son", "trruong son", 0.5)
    assert conflict.is_name_candidate("minh phat", "phat minh dat", 0.1)
    assert conflict.is_name_candidate("phat minh", "minh phat", 0.3)
    # two words of three in common: not searched
    assert not conflict.is_name_candidate("minh phat dat", "minh phat", 0.5)
    assert conflict.searched_spellings("ha an") == ["an|ha", "haan"]
    assert conflict.searched_spellings("minh phat dat") == sorted(
        conflict.typo_variants("minh phat dat").split()
    )
    assert conflict.searched_spellings(None) == []
    # trigrams: from the threshold, never below the lookup's floor
    assert conflict.is_name_candidate("hoang long", "hoang longg", 0.7)
    assert not conflict.is_name_candidate("thanh cong", "thanh nam", 0.4)
    assert not conflict.is_name_candidate(
        "thanh cong", "thanh nam", 0.25, threshold=0.1
    )
    assert conflict.trigram_lookup_threshold(0.1) == conflict.TRIGRAM_LOOKUP_MIN
    assert conflict.trigram_lookup_threshold(0.8) == 0.8
    assert not conflict.is_name_candidate(None, "sao mai", 1.0)
