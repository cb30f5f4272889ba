# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from conftest import load_logic

logic = load_logic("prm_commission")
clawback = logic.clawback
spiffs = logic.spiffs
money = logic.money


def r2(value):
    return money.round_amount(value, 0.01)


def test_in_window():
    sold = datetime.date(2025, 1, 1)
    assert clawback.in_window(sold, datetime.date(2025, 1, 31), 30)
    assert not clawback.in_window(sold, datetime.date(2025, 2, 1), 30)
    assert clawback.in_window(
        datetime.datetime(2025, 1, 1, 23, 0), datetime.date(2025, 1, 2), 1
    )
    # no window = no clawback
    assert not clawback.in_window(sold, datetime.date(2025, 1, 2), 0)
    assert not clawback.in_window(None, datetime.date(2025, 1, 2), 10)


def test_reversal_amount_is_proportional():
    assert clawback.reversal_amount(100, 4, 1, r2) == (-25, 0.25)
    assert clawback.reversal_amount(100, 4, 4, r2) == (-100, 1.0)
    # never more than the original
    assert clawback.reversal_amount(100, 4, 6, r2) == (-100, 1.0)
    assert clawback.reversal_amount(33.33, 3, 1, r2) == (-11.11, 1 / 3)
    assert clawback.reversal_amount(50, 0, 0, r2) == (-50, 1.0)


def test_remaining_to_reverse():
    assert clawback.remaining_to_reverse(100, -80, -50, r2) == -20
    assert clawback.remaining_to_reverse(100, -100, -50, r2) == 0
    assert clawback.remaining_to_reverse(100, 0, -50, r2) == -50
    assert clawback.remaining_to_reverse(-100, 30, 50, r2) == 50
    assert clawback.remaining_to_reverse(-100, 80, 50, r2) == 20


def test_explain_reversal():
    text = clawback.explain_reversal("S00012", "RINV/2025/0001", 12, 90, 0.25, "-25.00")
    assert text == (
        "Clawback of S00012: credit note RINV/2025/0001 12 days after the sale "
        "(window 90 days) reverses 25% of the commission: -25.00"
    )


def test_validate_spiff():
    Spiff = spiffs.Spiff
    assert spiffs.validate_spiff(Spiff(id=1, product_ids={1}, fixed_amount=5)) == []
    assert spiffs.validate_spiff(Spiff(id=1, product_ids={1}, fixed_amount=-5)) == [
        "negative_rate"
    ]
    assert spiffs.validate_spiff(Spiff(id=1)) == ["no_target"]
    assert spiffs.validate_spiff(
        Spiff(
            id=1,
            categ_ids={1},
            date_from=datetime.date(2025, 2, 1),
            date_to=datetime.date(2025, 1, 1),
        )
    ) == ["date_range"]
