# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from conftest import load_logic

logic = load_logic("prm_partner")
D = datetime.date
pl = logic.plans
tg = logic.targets

Q3 = (D(2026, 7, 1), D(2026, 9, 30))


def test_kpi_on_track_when_achievement_keeps_up_with_time():
    # 46 of 92 days elapsed at the end of 15 August: half the goal is on track
    assert pl.kpi_status(50, 100, D(2026, 8, 15), *Q3) == (50.0, tg.ON_TRACK)
    assert pl.kpi_status(49, 100, D(2026, 8, 15), *Q3) == (49.0, tg.BEHIND)


def test_kpi_achieved_any_time_and_behind_after_the_period():
    assert pl.kpi_status(100, 100, D(2026, 7, 1), *Q3)[1] == tg.ACHIEVED
    assert pl.kpi_status(120, 100, D(2026, 7, 1), *Q3) == (120.0, tg.ACHIEVED)
    assert pl.kpi_status(99, 100, D(2026, 10, 1), *Q3)[1] == tg.BEHIND


def test_kpi_before_the_period_is_on_track_and_no_goal_never_behind():
    assert pl.kpi_status(0, 100, D(2026, 6, 1), *Q3)[1] == tg.ON_TRACK
    assert pl.kpi_status(0, 0, D(2026, 12, 1), *Q3) == (0.0, tg.ON_TRACK)


def test_plan_achievement_is_the_capped_average():
    assert pl.plan_achievement([50.0, 150.0]) == 75.0
    assert pl.plan_achievement(iter([20.0])) == 20.0
    assert pl.plan_achievement([]) == 0.0


def test_plan_figures_agree_with_status_and_achievement():
    plan_ids = [1, 2, 1, 1, 2, 3]
    percents = [120.0, 10.0, 40.0, 100.0, 30.0, 0.0]
    statuses = [tg.ACHIEVED, tg.BEHIND, tg.ON_TRACK, tg.ACHIEVED, None, None]
    figures = pl.plan_figures(plan_ids, percents, statuses)
    for plan_id in (1, 2, 3):
        lines = [
            (p, s)
            for i, p, s in zip(plan_ids, percents, statuses, strict=True)
            if i == plan_id
        ]
        assert figures[plan_id] == (
            pl.plan_status([s for __, s in lines]),
            pl.plan_achievement([p for p, __ in lines]),
        )
    assert figures[1] == (tg.ON_TRACK, 80.0)
    assert figures[3] == (False, 0.0)


def test_plan_status_is_the_worst_kpi():
    assert pl.plan_status([tg.ACHIEVED, tg.BEHIND, tg.ON_TRACK]) == tg.BEHIND
    assert pl.plan_status([tg.ACHIEVED, tg.ON_TRACK]) == tg.ON_TRACK
    assert pl.plan_status([tg.ACHIEVED]) == tg.ACHIEVED
    assert pl.plan_status([]) is False
    assert pl.plan_status([False, tg.ACHIEVED]) == tg.ACHIEVED


def test_next_period_quarter_and_year():
    assert pl.next_period(D(2026, 7, 1), "quarter") == (D(2026, 10, 1), D(2026, 12, 31))
    assert pl.next_period(D(2026, 10, 1), "quarter") == (D(2027, 1, 1), D(2027, 3, 31))
    # a start inside the quarter is taken to its first day
    assert pl.next_period(D(2026, 8, 20), "quarter") == (
        D(2026, 10, 1),
        D(2026, 12, 31),
    )
    assert pl.next_period(D(2026, 1, 1), "year") == (D(2027, 1, 1), D(2027, 12, 31))


def test_period_label():
    assert pl.period_label(D(2026, 7, 1), "quarter") == "Q3 2026"
    assert pl.period_label(D(2026, 1, 1), "year") == "2026"


def test_review_due_and_needs_review_by_cadence():
    today = D(2026, 5, 10)
    assert pl.review_due(None, "monthly", today) == today
    assert pl.review_due(D(2026, 5, 1), "monthly", today) == D(2026, 6, 1)
    assert pl.review_due(D(2026, 1, 1), "monthly", today) == today  # overdue
    assert pl.review_due(D(2026, 5, 1), False, today) is None
    assert pl.needs_review(None, "quarterly", today)
    assert not pl.needs_review(D(2026, 3, 1), "quarterly", today)
    assert pl.needs_review(D(2026, 2, 10), "quarterly", today)
    assert pl.needs_review(D(2026, 2, 15), "quarterly", today, horizon_days=7)
    assert not pl.needs_review(None, "", today)
