# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytest
from conftest import load_logic

funds = load_logic("prm_commission").funds
D = datetime.date


def test_remaining_never_negative():
    figures = funds.BudgetFigures(
        amount=1000, allocated=0, requested=400, claimed=100, paid=50
    )
    assert figures.remaining == 600
    over = funds.BudgetFigures(
        amount=1000, allocated=0, requested=1200, claimed=0, paid=0
    )
    assert over.remaining == 0


def test_available_capped_by_allocation():
    assert funds.available(600) == 600
    assert funds.available(600, allocation=500, partner_requested=200) == 300
    # the pool is smaller than what the allocation still allows
    assert funds.available(100, allocation=500, partner_requested=0) == 100
    assert funds.available(600, allocation=300, partner_requested=400) == 0
    assert funds.available(-5) == 0


def test_check_grant():
    assert funds.check_grant(600, 600) == 600
    with pytest.raises(funds.FundError) as caught:
        funds.check_grant(600.01, 600)
    assert caught.value.code == "over_budget"
    assert caught.value.params["remaining"] == 600
    with pytest.raises(funds.FundError) as caught:
        funds.check_grant(0, 600)
    assert caught.value.code == "not_positive"
    with pytest.raises(funds.FundError):
        funds.check_grant(301, 1000, allocation=500, partner_requested=200)


def test_vendor_share_and_claim_cap():
    assert funds.vendor_share(1000, 50) == 500
    assert funds.vendor_share(333.33, 50) == pytest.approx(166.67, abs=0.01)
    assert funds.vendor_share(1000, 100) == 1000
    assert funds.vendor_share(-10, 50) == 0
    with pytest.raises(funds.FundError):
        funds.vendor_share(100, 120)
    # 50% of 3000 is 1500, but the request only has 1000 - 700 left
    assert funds.claim_payable(3000, 50, approved=1000, already_used=700) == 300
    assert funds.claim_payable(400, 50, approved=1000, already_used=0) == 200
    assert funds.claim_payable(400, 50, approved=1000, already_used=1000) == 0


def test_deadlines():
    assert funds.claim_deadline(D(2026, 1, 10), 30) == D(2026, 2, 9)
    assert funds.claim_deadline(False, 30) is None
    assert funds.claim_deadline(D(2026, 1, 10), -3) == D(2026, 1, 10)


def test_roi():
    assert funds.roi(5000, 1000) == 5
    assert funds.roi(5000, 0) == 0
