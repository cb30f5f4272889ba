import datetime

import pytest
from conftest import load_logic

logic = load_logic("prm_training")
E = logic.expiry
D = datetime.date


def test_add_months_clamps_end_of_month():
    assert E.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert E.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert E.add_months(D(2026, 11, 15), 14) == D(2028, 1, 15)
    assert E.add_months(D(2026, 3, 15), -3) == D(2025, 12, 15)
    assert E.add_months(D(2026, 3, 15), 0) == D(2026, 3, 15)


def test_expiry_date():
    assert E.expiry_date(D(2026, 5, 20), 12) == D(2027, 5, 20)
    assert E.expiry_date(D(2026, 5, 20), 0) is None
    assert E.expiry_date(D(2026, 5, 20), None) is None
    with pytest.raises(ValueError):
        E.expiry_date(D(2026, 5, 20), -1)


def test_renewal_date():
    assert E.renewal_date(D(2027, 5, 20), 30) == D(2027, 4, 20)
    assert E.renewal_date(D(2027, 5, 20), 0) == D(2027, 5, 20)
    assert E.renewal_date(D(2027, 5, 20), -5) == D(2027, 5, 20)
    assert E.renewal_date(None, 30) is None


def test_due_for_renewal():
    expiry = D(2027, 5, 20)
    assert not E.due_for_renewal(D(2027, 4, 19), expiry, 30, False)
    assert E.due_for_renewal(D(2027, 4, 20), expiry, 30, False)
    assert E.due_for_renewal(D(2027, 6, 1), expiry, 30, False)
    assert not E.due_for_renewal(D(2027, 4, 25), expiry, 30, True)
    assert not E.due_for_renewal(D(2027, 4, 25), None, 30, False)
