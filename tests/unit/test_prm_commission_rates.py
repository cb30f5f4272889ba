# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import importlib

import pytest
from conftest import load_logic

logic = load_logic("prm_commission")
Rule = logic.matching.Rule
SaleLine = logic.matching.SaleLine
rates = logic.rates
money = logic.money
# the periods the engine uses: prm_partner's, imported as Odoo does
dates = importlib.import_module("odoo.addons.prm_partner.logic.dates")


def sale(**kw):
    values = dict(key=1, quantity=4, amount=1000.0, cost=700.0)
    values.update(kw)
    return SaleLine(**values)


def test_line_base_per_mode():
    assert rates.line_base("percent_amount", sale()) == 1000
    assert rates.line_base("percent_margin", sale()) == 300
    assert rates.line_base("fixed_unit", sale()) == 4
    assert rates.line_base("fixed_order", sale()) == 1000
    # a loss-making line has no margin to pay on
    assert rates.line_base("percent_margin", sale(cost=1200)) == 0
    # a refund line keeps a negative margin
    assert rates.line_base("percent_margin", sale(amount=-1000, cost=-700)) == -300
    with pytest.raises(ValueError):
        rates.line_base("nope", sale())


def test_simple_amount():
    assert rates.simple_amount(Rule(id=1, rate=12.5), 1000) == 125
    assert rates.simple_amount(Rule(id=1, compute="percent_margin", rate=10), 300) == 30
    assert (
        rates.simple_amount(Rule(id=1, compute="fixed_unit", fixed_amount=2.5), 4) == 10
    )
    with pytest.raises(ValueError):
        rates.simple_amount(Rule(id=1, compute="fixed_order"), 4)


def test_share_fixed_is_exact():
    shares = rates.share_fixed(100, [1, 1, 1], lambda v: money.round_amount(v, 0.01))
    assert shares == [33.33, 33.33, 33.34]
    assert rates.share_fixed(90, [0, 0, 0], lambda v: v) == [30, 30, 30]
    assert rates.share_fixed(50, [], lambda v: v) == []
    assert rates.share_fixed(60, [100, 200], lambda v: v) == [20, 40]


def test_caps():
    assert rates.apply_cap(150, 100) == (100, True)
    assert rates.apply_cap(-150, 100) == (-100, True)
    assert rates.apply_cap(50, 100) == (50, False)
    assert rates.apply_cap(150, 0) == (150, False)
    assert rates.apply_period_cap(80, 100, 50) == (50, True)
    assert rates.apply_period_cap(80, 100, 120) == (0, True)
    assert rates.apply_period_cap(30, 100, 50) == (30, False)
    assert rates.apply_period_cap(-30, 100, 150) == (-30, False)


def test_validate_rule():
    B = logic.brackets.Bracket
    assert rates.validate_rule(Rule(id=1, rate=10)) == []
    assert rates.validate_rule(Rule(id=1, rate=-1)) == ["negative_rate"]
    assert rates.validate_rule(Rule(id=1, compute="fixed_unit", fixed_amount=-1)) == [
        "negative_fixed"
    ]
    assert rates.validate_rule(Rule(id=1, rate=25), max_rate=20) == ["above_max"]
    # fixed amounts are not rates: the maximum does not apply
    assert (
        rates.validate_rule(Rule(id=1, compute="fixed_unit", rate=25), max_rate=20)
        == []
    )
    assert rates.validate_rule(Rule(id=1, compute="bogus")) == ["unknown_compute"]
    assert rates.validate_rule(Rule(id=1, amount_min=10, amount_max=5)) == [
        "amount_range"
    ]
    assert rates.validate_rule(
        Rule(
            id=1, date_from=datetime.date(2025, 2, 1), date_to=datetime.date(2025, 1, 1)
        )
    ) == ["date_range"]
    assert rates.validate_rule(Rule(id=1, cap_line=-5)) == ["negative_cap"]
    assert rates.validate_rule(
        Rule(id=1, brackets=[B(0, 100, 10), B(50, None, 30)]), max_rate=20
    ) == ["bracket_above_max", "bracket_overlap"]


def test_round_amount_half_up():
    assert money.round_amount(0.125, 0.01) == 0.13
    assert money.round_amount(2.5, 1) == 3
    assert money.round_amount(-2.5, 1) == -3
    assert money.round_amount(1234.4, 1) == 1234
    with pytest.raises(ValueError):
        money.round_amount(1, 0)


def test_period_bounds():
    d = datetime.date(2024, 2, 14)
    assert dates.period_bounds(d, "month") == (
        datetime.date(2024, 2, 1),
        datetime.date(2024, 2, 29),
    )
    assert dates.period_bounds(d, "quarter") == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 31),
    )
    assert dates.period_bounds(datetime.date(2024, 11, 3), "quarter") == (
        datetime.date(2024, 10, 1),
        datetime.date(2024, 12, 31),
    )
    assert dates.period_bounds(d, "year") == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
    )
    with pytest.raises(ValueError):
        dates.period_bounds(d, "week")


def test_rate_formatting():
    assert money.format_rate(10.0) == "10"
    assert money.format_rate(12.5) == "12.5"
