# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from conftest import load_logic

logic = load_logic("prm_commission")
B = logic.brackets.Bracket
split = logic.brackets.split
validate = logic.brackets.validate

TEN_FIFTEEN = [B(0, 100_000_000, 10), B(100_000_000, None, 15)]


def test_split_below_boundary():
    pieces = split(TEN_FIFTEEN, 20_000_000, 30_000_000)
    assert [(p.base, p.amount) for p in pieces] == [(30_000_000, 3_000_000)]


def test_split_across_boundary():
    # 90M already sold, a 30M line: 10M at 10% and 20M at 15%
    pieces = split(TEN_FIFTEEN, 90_000_000, 30_000_000)
    assert [p.base for p in pieces] == [10_000_000, 20_000_000]
    assert sum(p.amount for p in pieces) == 1_000_000 + 3_000_000


def test_split_exactly_on_boundary():
    pieces = split(TEN_FIFTEEN, 100_000_000, 1_000)
    assert [(p.bracket.rate, p.base) for p in pieces] == [(15, 1_000)]
    pieces = split(TEN_FIFTEEN, 0, 100_000_000)
    assert [(p.bracket.rate, p.base) for p in pieces] == [(10, 100_000_000)]


def test_split_across_three_brackets():
    brackets = [B(0, 100, 1), B(100, 200, 2), B(200, None, 3)]
    pieces = split(brackets, 50, 300)
    assert [(p.bracket.rate, p.base) for p in pieces] == [(1, 50), (2, 100), (3, 150)]
    assert sum(p.amount for p in pieces) == 0.5 + 2 + 4.5


def test_split_negative_walks_down():
    pieces = split(TEN_FIFTEEN, 110_000_000, -30_000_000)
    assert [(p.bracket.rate, p.base) for p in pieces] == [
        (15, -10_000_000),
        (10, -20_000_000),
    ]
    # a sale and its refund cancel out
    sale = split(TEN_FIFTEEN, 80_000_000, 30_000_000)
    refund = split(TEN_FIFTEEN, 110_000_000, -30_000_000)
    assert sum(p.amount for p in sale) + sum(p.amount for p in refund) == 0


def test_split_below_first_bracket_pays_nothing():
    brackets = [B(1000, None, 5)]
    pieces = split(brackets, 0, 1500)
    assert [(p.base, p.amount) for p in pieces] == [(500, 25)]
    assert split(brackets, 0, 0) == []


def test_rate_at():
    assert logic.brackets.rate_at(TEN_FIFTEEN, 0) == 10
    assert logic.brackets.rate_at(TEN_FIFTEEN, 100_000_000) == 15
    assert logic.brackets.rate_at([B(10, 20, 3)], 5) == 0


def test_validate_ok():
    assert validate(TEN_FIFTEEN) == []


def test_validate_overlap():
    problems = validate([B(0, 100, 10), B(50, None, 15)])
    assert [code for code, _ in problems] == ["overlap"]
    # two open-ended brackets overlap too
    problems = validate([B(0, None, 10), B(100, None, 15)])
    assert [code for code, _ in problems] == ["overlap"]


def test_validate_gap_and_bad_values():
    codes = [code for code, _ in validate([B(0, 100, 10), B(150, None, 15)])]
    assert codes == ["gap"]
    codes = [code for code, _ in validate([B(0, 100, -1)])]
    assert codes == ["negative_rate"]
    codes = [code for code, _ in validate([B(100, 100, 1)])]
    assert codes == ["empty_range"]
    codes = [code for code, _ in validate([B(-5, 100, 1)])]
    assert codes == ["negative_from"]
    codes = [code for code, _ in validate([B(0, None, 30)], max_rate=20)]
    assert codes == ["above_max"]
