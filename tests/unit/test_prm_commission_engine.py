# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from decimal import Decimal

from conftest import load_logic

logic = load_logic("prm_commission")
Rule = logic.matching.Rule
SaleLine = logic.matching.SaleLine
Bracket = logic.brackets.Bracket
Spiff = logic.spiffs.Spiff
Engine = logic.engine.Engine


def neutral_formatter(rounding=0.01, currency_symbol=""):
    """A locale-neutral formatter ("1,234.50 ₫"), where Odoo gives the engine
    ``format_amount`` in the user's language."""
    exponent = Decimal(str(rounding)).normalize().as_tuple().exponent
    digits = -exponent if exponent < 0 else 0

    def formatter(value, symbol=True):
        text = f"{logic.money.round_amount(value, rounding):,.{digits}f}"
        return f"{text} {currency_symbol}" if symbol and currency_symbol else text

    return formatter


def compute(lines, rules, spiffs=(), share_with=(), fixed_paid=None, **options):
    """One run of the engine, amounts written by the neutral formatter."""
    formatter = neutral_formatter(
        options.get("rounding", 0.01), options.pop("symbol", "")
    )
    engine = Engine(rules, spiffs, formatter=formatter, **options)
    return engine.run(lines, share_with, fixed_paid)


def sale(key, **kw):
    values = dict(
        key=key,
        order_id=kw.pop("order_id", 1),
        partner_id=7,
        tier_id=2,
        product_id=100,
        categ_path="1/5/",
        date=datetime.date(2025, 3, 10),
        quantity=2,
        amount=1000.0,
        cost=600.0,
        order_amount=1000.0,
    )
    values.update(kw)
    return SaleLine(**values)


def by_key(results, kind="rule"):
    return {r.key: r for r in results if r.kind == kind}


def test_percent_of_amount_with_explanation():
    rule = Rule(id=1, name="Gold", rate=10, tier_ids={2})
    [res] = compute([sale(1)], [rule])
    assert (res.rule_id, res.base, res.rate, res.amount) == (1, 1000, 10, 100)
    assert res.explanation == (
        "Gold (tier rule, all products): 10% of the untaxed amount 1,000.00; "
        "commission 100.00"
    )


def test_percent_of_margin():
    rule = Rule(id=1, name="Margin", compute="percent_margin", rate=25)
    [res] = compute([sale(1)], [rule])
    assert (res.base, res.amount) == (400, 100)
    assert (
        "25% of the margin 400.00 (untaxed 1,000.00 minus cost 600.00)"
        in res.explanation
    )


def test_fixed_per_unit():
    rule = Rule(id=1, name="Unit", compute="fixed_unit", fixed_amount=15)
    [res] = compute([sale(1, quantity=3)], [rule])
    assert (res.base, res.fixed_amount, res.amount) == (3, 15, 45)
    assert "15.00 per unit x 3 units" in res.explanation


def test_fixed_per_order_is_shared_once_per_order():
    rule = Rule(id=1, name="Deal", compute="fixed_order", fixed_amount=100)
    lines = [
        sale(1, amount=100.0),
        sale(2, amount=200.0),
        sale(3, order_id=2, amount=50.0),
    ]
    results = by_key(compute(lines, [rule]))
    assert results[1].amount == 33.33
    assert results[2].amount == 66.67
    assert results[3].amount == 100
    assert results[1].amount + results[2].amount == 100


def test_cap_per_line():
    rule = Rule(id=1, name="Capped", rate=10, cap_line=60)
    [res] = compute([sale(1)], [rule])
    assert res.amount == 60 and res.capped
    assert "capped at 60.00 per line" in res.explanation


def test_cap_per_period_is_cumulative_and_per_period():
    rule = Rule(id=1, name="Capped", rate=10, cap_period=250)
    lines = [
        sale(1, date=datetime.date(2025, 1, 5)),
        sale(2, date=datetime.date(2025, 2, 5)),
        sale(3, date=datetime.date(2025, 3, 5)),
        sale(4, date=datetime.date(2025, 3, 6)),
        # another year: a new period, the cap starts again
        sale(5, date=datetime.date(2026, 1, 5)),
    ]
    results = by_key(compute(lines, [rule], period="year"))
    assert [results[k].amount for k in (1, 2, 3, 4, 5)] == [100, 100, 50, 0, 100]
    assert "period cap of 250.00 (200.00 already earned)" in results[3].explanation


def test_cap_per_period_counts_earlier_commissions():
    rule = Rule(id=1, rate=10, cap_period=250)
    period = datetime.date(2025, 1, 1)
    [res] = compute(
        [sale(1)], [rule], period="year", cumulative_commission={(7, 1, period): 200.0}
    )
    assert res.amount == 50


def test_brackets_split_a_line_across_the_boundary():
    vnd = dict(rounding=1.0, symbol="₫", period="year")
    rule = Rule(
        id=1,
        name="Ladder",
        brackets=[Bracket(0, 100_000_000, 10), Bracket(100_000_000, None, 15)],
    )
    lines = [
        sale(1, amount=90_000_000.0, date=datetime.date(2025, 2, 1)),
        sale(2, amount=30_000_000.0, date=datetime.date(2025, 3, 1)),
        sale(3, amount=10_000_000.0, date=datetime.date(2025, 4, 1)),
    ]
    results = by_key(compute(lines, [rule], **vnd))
    assert results[1].amount == 9_000_000
    # 10M at 10% + 20M at 15%
    assert results[2].amount == 4_000_000
    assert round(results[2].rate, 4) == 13.3333
    assert results[3].amount == 1_500_000
    text = results[2].explanation
    assert "90,000,000 ₫ already sold this period" in text
    assert "10% of 10,000,000 ₫ (bracket 0-100,000,000)" in text
    assert "15% of 20,000,000 ₫ (bracket above 100,000,000)" in text


def test_brackets_use_earlier_sales_and_reset_each_period():
    rule = Rule(id=1, brackets=[Bracket(0, 1000, 10), Bracket(1000, None, 20)])
    period = datetime.date(2025, 1, 1)
    [res] = compute(
        [sale(1, amount=500.0)],
        [rule],
        period="quarter",
        cumulative_sales={(7, period): 800.0},
    )
    assert res.amount == 20 + 60
    # another partner starts from zero
    [res] = compute(
        [sale(1, amount=500.0, partner_id=8)],
        [rule],
        period="quarter",
        cumulative_sales={(7, period): 800.0},
    )
    assert res.amount == 50
    # next quarter starts from zero
    [res] = compute(
        [sale(1, amount=500.0, date=datetime.date(2025, 4, 2))],
        [rule],
        period="quarter",
        cumulative_sales={(7, period): 800.0},
    )
    assert res.amount == 50


def test_brackets_with_margin_use_the_effective_rate():
    rule = Rule(
        id=1,
        compute="percent_margin",
        brackets=[Bracket(0, 500, 10), Bracket(500, None, 20)],
    )
    [res] = compute([sale(1, amount=1000.0, cost=600.0)], [rule])
    # effective rate on sales: (50 + 100) / 1000 = 15%, applied to margin 400
    assert res.rate == 15
    assert res.amount == 60


def test_lines_are_processed_in_date_order():
    rule = Rule(id=1, brackets=[Bracket(0, 1000, 10), Bracket(1000, None, 20)])
    late = sale(1, amount=1000.0, date=datetime.date(2025, 6, 1))
    early = sale(2, amount=1000.0, date=datetime.date(2025, 1, 1))
    results = by_key(compute([late, early], [rule]))
    assert results[2].amount == 100
    assert results[1].amount == 200


def test_no_matching_rule_gives_no_line():
    rule = Rule(id=1, rate=10, partner_ids={99})
    assert compute([sale(1)], [rule]) == []


def test_spiff_lines_are_separate():
    rule = Rule(id=1, rate=10)
    spiffs = [
        Spiff(
            id=5,
            name="Spring push",
            date_from=datetime.date(2025, 3, 1),
            date_to=datetime.date(2025, 3, 31),
            categ_ids={5},
            tier_ids={2},
            compute="fixed_unit",
            fixed_amount=20,
        ),
        Spiff(id=6, name="Promo", product_ids={100}, compute="percent_amount", rate=2),
        Spiff(id=7, name="Other", product_ids={555}, compute="percent_amount", rate=50),
    ]
    results = compute([sale(1)], [rule], spiffs)
    assert [(r.kind, r.rule_id, r.spiff_id, r.amount) for r in results] == [
        ("rule", 1, None, 100),
        ("spiff", None, 5, 40),
        ("spiff", None, 6, 20),
    ]
    assert results[1].explanation == (
        "SPIFF Spring push: 20.00 per unit x 2 units; commission 40.00"
    )
    # outside the SPIFF window or for another tier: only the rule line
    results = compute(
        [sale(1, date=datetime.date(2025, 4, 1), product_id=101)], [rule], spiffs
    )
    assert [r.kind for r in results] == ["rule"]
    results = compute([sale(1, tier_id=3, product_id=101)], [rule], spiffs)
    assert [r.kind for r in results] == ["rule"]


def test_spiff_without_rule_still_pays():
    spiff = Spiff(
        id=5, name="Promo", product_ids={100}, compute="percent_amount", rate=5
    )
    [res] = compute([sale(1)], [], [spiff])
    assert (res.kind, res.amount, res.rate) == ("spiff", 50, 5)


def test_translation_hook_is_used():
    rule = Rule(id=1, name="R", rate=10)
    vi = {
        "all partners": "mọi đối tác",
        "all products": "mọi sản phẩm",
        "commission %(amount)s": "hoa hồng %(amount)s",
    }
    [res] = compute([sale(1)], [rule], translate=lambda text: vi.get(text, text))
    assert res.explanation.startswith("R (mọi đối tác, mọi sản phẩm): 10%")
    assert res.explanation.endswith("; hoa hồng 100.00")


def test_recomputation_is_deterministic():
    rule = Rule(
        id=1, brackets=[Bracket(0, 1000, 10), Bracket(1000, None, 20)], cap_line=150
    )
    lines = [
        sale(k, amount=300.0 * k, date=datetime.date(2025, 1, k)) for k in range(1, 6)
    ]
    first = [(r.key, r.amount, r.explanation) for r in compute(lines, [rule])]
    second = [
        (r.key, r.amount, r.explanation) for r in compute(list(reversed(lines)), [rule])
    ]
    assert first == second


def test_fixed_per_order_shared_with_lines_of_another_run():
    rule = Rule(id=1, compute="fixed_order", fixed_amount=90)
    invoiced = [sale(1, amount=100.0)]
    not_yet = [sale(2, amount=200.0)]
    first = compute(invoiced, [rule], share_with=not_yet)
    second = compute(not_yet, [rule], share_with=invoiced)
    assert [r.amount for r in first] == [30]
    assert [r.amount for r in second] == [60]


def test_fixed_per_order_only_shares_what_is_not_settled():
    rule = Rule(id=1, name="Deal", compute="fixed_order", fixed_amount=90)
    # the whole fixed amount was settled: a line added later earns nothing
    [added] = compute([sale(3, amount=500.0)], [rule], fixed_paid={(1, 1): 90.0})
    assert added.amount == 0
    assert "already settled" in added.explanation
    # part of it was settled: the other lines share the rest
    results = compute(
        [sale(2, amount=100.0), sale(3, amount=200.0)],
        [rule],
        fixed_paid={(1, 1): 60.0},
    )
    assert [r.amount for r in results] == [10.0, 20.0]
    # another order is not affected by what order 1 was paid
    [other] = compute([sale(4, order_id=2)], [rule], fixed_paid={(1, 1): 90.0})
    assert other.amount == 90.0


def test_resale_and_sourced_lines_earn_their_own_rates():
    sourced = Rule(id=1, name="Sourced", rate=10, order_kind="sourced")
    resale = Rule(id=2, name="Resale", rate=3, order_kind="resale")
    results = by_key(
        compute([sale(1), sale(2, order_id=2, resale=True)], [sourced, resale])
    )
    assert results[1].rule_id == 1
    assert results[1].amount == 100.0
    assert results[2].rule_id == 2
    assert results[2].amount == 30.0
    assert "resale orders" in results[2].explanation
