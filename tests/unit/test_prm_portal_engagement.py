# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from conftest import load_logic

engagement = load_logic("prm_portal").engagement


def test_nothing_done_scores_zero():
    assert engagement.score({}) == 0.0


def test_every_target_reached_scores_hundred():
    activity = {c.code: c.target * 5 for c in engagement.COMPONENTS}
    assert engagement.score(activity) == 100.0


def test_components_earn_in_proportion_of_their_target():
    # logins 30 % of the weights, target 3: one login earns a third of it
    assert engagement.score({engagement.LOGINS: 1}) == 10.0
    assert engagement.score({engagement.LOGINS: 3, engagement.EVENTS: 1}) == 50.0
    # more than the target earns no more
    assert engagement.score({engagement.TICKETS: 40}) == 10.0
    assert engagement.score({engagement.LOGINS: -4}) == 0.0


def test_only_the_measured_components_count():
    without_acks = engagement.measured(
        {engagement.LOGINS, engagement.EVENTS, engagement.FORUM, engagement.TICKETS}
    )
    assert engagement.ACKS not in {c.code for c in without_acks}
    # logins weigh 30 of the 80 points measured
    assert engagement.score({engagement.LOGINS: 3}, without_acks) == 37.5
    assert engagement.score({engagement.LOGINS: 3}) == 30.0
    assert engagement.score({engagement.LOGINS: 3}, ()) == 0.0


def test_drop_is_a_share_of_the_previous_score():
    assert engagement.dropped(50.0, 35.0)
    assert not engagement.dropped(50.0, 35.1)
    assert engagement.dropped(50.0, 0.0)
    assert not engagement.dropped(0.0, 0.0)
    assert not engagement.dropped(None, 10.0)
    assert not engagement.dropped(40.0, 60.0)


events = load_logic("prm_portal").events


def test_registration_errors_most_telling_first():
    assert events.registration_error(True, False, False) is None
    assert events.registration_error(True, False, True) == events.ALREADY
    assert events.registration_error(False, True, True) == events.ALREADY
    assert events.registration_error(False, True, False) == events.FULL
    assert events.registration_error(False, False, False) == events.CLOSED
