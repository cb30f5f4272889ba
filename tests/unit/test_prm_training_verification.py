import datetime

from conftest import load_logic

logic = load_logic("prm_training")
V = logic.verification


def test_generated_codes_are_well_formed_and_distinct():
    codes = {V.generate_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert V.is_well_formed(code), code
        assert code.startswith("PRM-")
        assert len(code) == len("PRM-XXXX-XXXX-XXXX")


def test_generate_code_is_deterministic_with_injected_random():
    code = V.generate_code(randbelow=lambda n: 0)
    assert code.startswith("PRM-2222-2222-222")
    assert V.is_well_formed(code)


def test_check_character_catches_typos():
    code = V.generate_code(randbelow=lambda n: 5)
    body = code.replace("-", "")
    # change one random character
    index = 5
    changed = body[index] == "A" and "B" or "A"
    typo = V.normalize(body[:index] + changed + body[index + 1 :])
    assert typo
    assert not V.is_well_formed(typo)


def test_normalize_accepts_sloppy_input():
    code = V.generate_code()
    assert V.normalize(code.lower()) == code
    assert V.normalize("  " + code.replace("-", " ") + " ") == code
    assert V.normalize(code[4:].replace("-", "")) == code


def test_normalize_rejects_garbage():
    for bad in (None, "", "PRM-", "hello", "PRM-0000-0000-0000", "x" * 100, 42):
        assert V.normalize(bad) == "", bad
    assert not V.is_well_formed("PRM-0000-0000-0000")
    assert not V.is_well_formed(None)


def test_verification_status():
    today = datetime.date(2026, 6, 1)
    assert V.verification_status(False) == "unknown"
    assert V.verification_status(True, "revoked", None, today) == "revoked"
    assert V.verification_status(True, "expired", None, today) == "expired"
    assert (
        V.verification_status(True, "valid", datetime.date(2026, 5, 31), today)
        == "expired"
    )
    assert (
        V.verification_status(True, "valid", datetime.date(2026, 6, 2), today)
        == "valid"
    )
    assert (
        V.verification_status(True, "expiring", datetime.date(2026, 6, 10), today)
        == "valid"
    )
    # the certification expires on its expiry date
    assert V.verification_status(True, "valid", today, today) == "expired"
    assert V.verification_status(True, "valid", None, today) == "valid"
    assert V.verification_status(True, "weird", None, today) == "unknown"
