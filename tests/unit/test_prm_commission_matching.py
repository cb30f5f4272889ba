# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from conftest import load_logic

logic = load_logic("prm_commission")
Rule = logic.matching.Rule
SaleLine = logic.matching.SaleLine
best_rule = logic.matching.best_rule

D = datetime.date(2025, 3, 10)


def line(**kw):
    values = dict(
        key=1,
        order_id=1,
        partner_id=7,
        tier_id=2,
        partner_type="reseller",
        product_id=100,
        categ_path="1/5/9/",
        date=D,
        quantity=2,
        amount=1000.0,
        cost=600.0,
        order_amount=5000.0,
    )
    values.update(kw)
    return SaleLine(**values)


def test_parse_parent_path():
    assert logic.matching.parse_parent_path("1/5/9/") == (1, 5, 9)
    assert logic.matching.parse_parent_path("") == ()
    assert line().categ_path == (1, 5, 9)


def test_partner_beats_tier_beats_all():
    everyone = Rule(id=1, sequence=1)
    tier = Rule(id=2, sequence=5, tier_ids={2})
    partner = Rule(id=3, sequence=9, partner_ids={7})
    assert best_rule([everyone, tier, partner], line()).id == 3
    assert best_rule([everyone, tier], line()).id == 2
    assert best_rule([everyone], line()).id == 1
    # another partner falls back to the tier rule
    assert best_rule([everyone, tier, partner], line(partner_id=8)).id == 2
    # another tier falls back to "all"
    assert best_rule([everyone, tier], line(tier_id=3)).id == 1


def test_partner_type_between_tier_and_all():
    everyone = Rule(id=1)
    by_type = Rule(id=2, partner_types={"reseller"})
    tier = Rule(id=3, tier_ids={2})
    assert best_rule([everyone, by_type], line()).id == 2
    assert best_rule([everyone, by_type, tier], line()).id == 3
    assert best_rule([everyone, by_type], line(partner_type="referral")).id == 1


def test_product_beats_category_beats_all():
    everyone = Rule(id=1)
    categ = Rule(id=2, categ_ids={5})
    product = Rule(id=3, product_ids={100})
    assert best_rule([everyone, categ, product], line()).id == 3
    assert best_rule([everyone, categ], line()).id == 2
    assert best_rule([everyone, categ, product], line(product_id=101)).id == 2
    assert best_rule([everyone, categ], line(categ_path="1/6/")).id == 1


def test_child_category_matches_and_deeper_wins():
    parent = Rule(id=1, categ_ids={5})
    child = Rule(id=2, categ_ids={9})
    # a product in 1/5/9 matches the rule on its grand-parent category 5
    assert best_rule([parent], line()).id == 1
    assert best_rule([parent, child], line()).id == 2
    # a product directly in 5 is not matched by the rule on child 9
    assert best_rule([parent, child], line(categ_path="1/5/")).id == 1


def test_partner_dimension_dominates_product_dimension():
    partner_any_product = Rule(id=1, partner_ids={7})
    tier_product = Rule(id=2, tier_ids={2}, product_ids={100})
    assert best_rule([partner_any_product, tier_product], line()).id == 1


def test_sequence_then_id_break_ties():
    a = Rule(id=1, sequence=20)
    b = Rule(id=2, sequence=10)
    c = Rule(id=3, sequence=10)
    assert best_rule([a, b], line()).id == 2
    assert best_rule([a, b, c], line()).id == 2


def test_all_criteria_must_hold():
    rule = Rule(id=1, partner_ids={7}, product_ids={200})
    assert best_rule([rule], line()) is None


def test_order_amount_range():
    small = Rule(id=1, amount_max=999.0)
    big = Rule(id=2, amount_min=1000.0)
    assert best_rule([small, big], line(order_amount=500)).id == 1
    assert best_rule([small, big], line(order_amount=1000)).id == 2
    assert best_rule([big], line(order_amount=999.99)) is None
    # 0 means "no bound" (Odoo float fields default to 0)
    assert best_rule([Rule(id=3, amount_min=0.0, amount_max=0.0)], line()).id == 3


def test_validity_dates():
    old = Rule(id=1, date_to=datetime.date(2025, 3, 9), partner_ids={7})
    current = Rule(id=2, date_from=datetime.date(2025, 3, 10))
    assert best_rule([old, current], line()).id == 2
    assert best_rule([old, current], line(date=datetime.date(2025, 3, 9))).id == 1
    assert best_rule([current], line(date=datetime.date(2025, 3, 9))) is None


def test_describe_scope():
    assert logic.matching.describe_scope(
        Rule(id=1, partner_ids={1}, categ_ids={2})
    ) == ("partner-specific, product category")
    assert logic.matching.describe_scope(Rule(id=1)) == "all partners, all products"


def test_resale_is_the_partner_buying_for_itself():
    is_resale = logic.matching.is_resale
    assert is_resale(7, 7)
    assert not is_resale(7, 42)
    # no attributed partner: never a resale
    assert not is_resale(None, None)
    assert not is_resale(0, 0)


def test_order_kind_selects_resale_or_sourced_lines():
    resale = Rule(id=1, order_kind="resale")
    sourced = Rule(id=2, order_kind="sourced")
    everyone = Rule(id=3)
    assert best_rule([resale, sourced], line(resale=True)).id == 1
    assert best_rule([resale, sourced], line(resale=False)).id == 2
    assert best_rule([resale], line()) is None
    assert best_rule([sourced], line(resale=True)) is None
    # a rule for all orders takes both kinds
    assert best_rule([everyone], line(resale=True)).id == 3
    assert best_rule([everyone], line()).id == 3


def test_order_kind_rule_beats_more_specific_rules_for_all_orders():
    # the plan's resale rule is what resale orders follow, even against a
    # partner- and product-specific rule written for every order
    resale = Rule(id=1, order_kind="resale", sequence=99)
    partner_product = Rule(id=2, partner_ids={7}, product_ids={100})
    assert best_rule([resale, partner_product], line(resale=True)).id == 1
    assert best_rule([resale, partner_product], line()).id == 2
    # between two resale rules the usual specificity decides
    gold_resale = Rule(id=3, order_kind="resale", tier_ids={2})
    assert best_rule([resale, gold_resale], line(resale=True)).id == 3


def test_describe_scope_names_the_order_kind():
    assert logic.matching.describe_scope(Rule(id=1, order_kind="resale")) == (
        "all partners, all products, resale orders"
    )
    assert logic.matching.describe_scope(
        Rule(id=1, order_kind="sourced", tier_ids={2})
    ) == ("tier rule, all products, sourced deals")
