import datetime

from conftest import load_logic

logic = load_logic("prm_training")
E = logic.expiry
D = datetime.date


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
