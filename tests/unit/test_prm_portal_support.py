# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from conftest import load_logic

support = load_logic("prm_portal").support

T0 = datetime(2026, 3, 2, 8, 0)


def test_response_deadline():
    assert support.response_deadline(T0, 4) == T0 + timedelta(hours=4)
    assert support.response_deadline(T0, 0) is None
    assert support.response_deadline(T0, -2) is None
    assert support.response_deadline(None, 4) is None


def test_sla_status():
    deadline = T0 + timedelta(hours=4)
    assert support.sla_status(None, None, T0) == "none"
    # empty datetime fields read False in Odoo
    assert support.sla_status(False, False, T0) == "none"
    assert support.sla_status(deadline, None, T0 + timedelta(hours=4)) == "waiting"
    assert support.sla_status(deadline, None, T0 + timedelta(hours=5)) == "late"
    assert support.sla_status(deadline, deadline, T0 + timedelta(days=9)) == "met"
    late_answer = deadline + timedelta(minutes=1)
    assert support.sla_status(deadline, late_answer, T0) == "missed"


def test_response_hours():
    assert support.response_hours(T0, T0 + timedelta(minutes=90)) == 1.5
    assert support.response_hours(T0, None) == 0.0
    # a clock skew never gives a negative time
    assert support.response_hours(T0, T0 - timedelta(hours=1)) == 0.0


def test_returnable_and_quantities():
    assert support.returnable(5, 3) == 2
    assert support.returnable(5, 7) == 0
    assert support.returnable(None, None) == 0
    delivered = {1: 5.0, 2: 2.0}
    before = {1: 3.0}
    assert support.check_return_quantities({1: 2.0, 2: 0.0}, delivered, before) == {}
    assert support.check_return_quantities({1: 2.5}, delivered, before) == {
        1: "too_large"
    }
    assert support.check_return_quantities({2: -1.0}, delivered, before) == {
        2: "negative"
    }
    assert support.check_return_quantities({1: 0.0, 2: 0.0}, delivered, before) == {
        None: "empty"
    }
    # a line never delivered returns nothing
    assert support.check_return_quantities({3: 1.0}, delivered, before) == {
        3: "too_large"
    }


def test_keywords():
    assert support.keywords("How do I reset the router? Router RESET!") == [
        "reset",
        "router",
    ]
    # Vietnamese without accents, common words left out
    assert support.keywords("Không kết nối được với máy chủ") == [
        "ket",
        "noi",
        "may",
        "chu",
    ]
    assert support.keywords("Đăng nhập") == ["dang", "nhap"]
    assert len(support.keywords(" ".join(f"word{i}" for i in range(50)))) == 8
    assert support.keywords("") == []


def test_rank_articles():
    articles = [
        ("prices", "Price list", "router prices"),
        ("guide", "Router reset guide", "how to reset"),
        ("other", "Warranty", "terms"),
    ]
    assert support.rank_articles(["router", "reset"], articles) == ["guide", "prices"]
    assert support.rank_articles(["warranty"], articles) == ["other"]
    assert support.rank_articles(["nothing"], articles) == []
    assert support.rank_articles(["router"], articles, limit=1) == ["guide"]
