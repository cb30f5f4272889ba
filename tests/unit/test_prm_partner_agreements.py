# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytest
from conftest import load_logic

logic = load_logic("prm_partner")
D = datetime.date
ag = logic.agreements
certs = logic.certifications
dates = logic.dates
tg = logic.targets
ob = logic.onboarding


@pytest.mark.parametrize(
    ("issue", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 11, 15), 3, D(2027, 2, 15)),
        (D(2026, 11, 15), 14, D(2028, 1, 15)),
        (D(2026, 5, 20), 12, D(2027, 5, 20)),
        (D(2026, 5, 1), 0, None),
        (D(2026, 5, 1), None, None),
        (None, 12, None),
    ],
)
def test_certification_expiry_clamps_to_month_end(issue, months, expected):
    assert certs.expiry_date(issue, months) == expected


def test_negative_validity_is_refused():
    with pytest.raises(ValueError):
        certs.expiry_date(D(2026, 5, 20), -1)


def test_term_and_renewal():
    assert ag.term_end(D(2026, 1, 1), 12) == D(2026, 12, 31)
    assert ag.term_end(D(2026, 1, 1), 0) is None
    assert ag.renewal_period(D(2026, 12, 31), 12) == (D(2027, 1, 1), D(2027, 12, 31))
    assert ag.renewal_period(D(2026, 2, 28), 1) == (D(2026, 3, 1), D(2026, 3, 31))


def test_reminder_date():
    assert ag.reminder_date(D(2026, 12, 31), 30) == D(2026, 12, 1)
    assert ag.reminder_date(D(2026, 12, 31), 0) == D(2026, 12, 31)
    assert ag.reminder_date(None, 30) is None


def test_valid_period():
    assert ag.is_valid_period(D(2026, 1, 1), D(2026, 1, 1))
    assert not ag.is_valid_period(D(2026, 1, 2), D(2026, 1, 1))
    assert ag.is_valid_period(D(2026, 1, 2), None)


@pytest.mark.parametrize(
    ("today", "kwargs", "expected"),
    [
        (D(2026, 11, 30), {}, None),
        (D(2026, 12, 1), {}, ag.REMIND),
        (D(2026, 12, 31), {}, ag.REMIND),
        (D(2026, 12, 15), {"reminded": True}, None),
        (D(2027, 1, 1), {}, ag.EXPIRE),
        (D(2027, 1, 1), {"auto_renew": True, "renewal_months": 12}, ag.RENEW),
        (D(2027, 1, 1), {"auto_renew": True, "renewal_months": 0}, ag.EXPIRE),
        (D(2027, 1, 1), {"state": "draft"}, None),
        (D(2027, 1, 1), {"state": "expired"}, None),
        (D(2026, 12, 15), {"notice_days": 0}, None),
    ],
)
def test_daily_action(today, kwargs, expected):
    values = {"state": "active", "date_end": D(2026, 12, 31), "notice_days": 30}
    values.update(kwargs)
    assert ag.daily_action(today, **values) == expected


def test_daily_action_without_end_date():
    assert ag.daily_action(D(2030, 1, 1), "active", None) is None


def test_certification_expiry_and_state():
    expiry = certs.expiry_date(D(2026, 1, 15), 12)
    assert expiry == D(2027, 1, 15)
    assert certs.expiry_date(D(2026, 1, 15), 0) is None
    assert certs.state(D(2026, 6, 1), expiry) == certs.VALID
    assert certs.state(D(2026, 12, 16), expiry) == certs.EXPIRING
    assert certs.state(D(2027, 1, 14), expiry) == certs.EXPIRING
    assert certs.state(D(2027, 1, 15), expiry) == certs.EXPIRED
    assert certs.state(D(2026, 6, 1), expiry, revoked=True) == certs.REVOKED
    assert certs.state(D(2090, 1, 1), None) == certs.VALID
    assert certs.is_in_force(certs.EXPIRING)
    assert not certs.is_in_force(certs.EXPIRED)


def test_states_in_force_predicate_and_domain_agree():
    states = (certs.VALID, certs.EXPIRING, certs.EXPIRED, certs.REVOKED)
    in_force = tuple(state for state in states if certs.is_in_force(state))
    assert in_force == (certs.VALID, certs.EXPIRING)
    assert certs.in_force_domain() == [("state", "in", in_force)]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("month", (D(2026, 2, 1), D(2026, 2, 28))),
        ("quarter", (D(2026, 1, 1), D(2026, 3, 31))),
        ("year", (D(2026, 1, 1), D(2026, 12, 31))),
    ],
)
def test_periods(period, expected):
    assert dates.period_bounds(D(2026, 2, 14), period) == expected


def test_period_of_a_datetime_and_month_ends():
    moment = datetime.datetime(2024, 11, 3, 23, 59)
    assert dates.period_bounds(moment, "quarter") == (D(2024, 10, 1), D(2024, 12, 31))
    february = (D(2024, 2, 1), D(2024, 2, 29))
    assert dates.period_bounds(D(2024, 2, 29), "month") == february


def test_unknown_period():
    with pytest.raises(ValueError):
        dates.period_bounds(D(2026, 2, 14), "week")


def test_achievement_and_status():
    assert tg.achievement(75, 300) == 25.0
    assert tg.achievement(10, 0) == 0.0
    assert tg.status(100.0) == "achieved"
    assert tg.status(60.0, elapsed_share=0.5) == "on_track"
    assert tg.status(40.0, elapsed_share=0.5) == "behind"
    assert tg.status(40.0, elapsed_share=-1) == tg.ON_TRACK
    assert tg.status(40.0, elapsed_share=2) == tg.BEHIND


def test_elapsed_share():
    assert tg.elapsed_share(D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 10)) == 0.1
    assert tg.elapsed_share(D(2025, 12, 1), D(2026, 1, 1), D(2026, 1, 10)) == 0
    assert tg.elapsed_share(D(2026, 2, 1), D(2026, 1, 1), D(2026, 1, 10)) == 1


def test_onboarding_progress_and_activation():
    assert ob.progress(0, 0) == 100
    assert ob.progress(1, 3) == 33
    assert ob.progress(5, 3) == 100
    assert ob.activation_blocked("active", 2, 3)
    assert not ob.activation_blocked("active", 2, 3, force=True)
    assert not ob.activation_blocked("active", 3, 3)
    assert not ob.activation_blocked("suspended", 0, 3)


def test_stage_transitions():
    assert ob.is_allowed("onboarding", "active")
    assert ob.is_allowed(False, "prospect")
    assert ob.is_allowed("active", "active")
    assert not ob.is_allowed("prospect", "active")
    assert not ob.is_allowed("terminated", "active")


ph = logic.placeholders
TEMPLATE = (
    '<p>Giữa <strong t-out="object.company_id.name">Nhà cung cấp</strong> và '
    '<strong t-out="object.partner_id.name">Đối tác</strong>'
    '<t t-if="object.partner_id.vat"> (mã số thuế '
    '<t t-out="object.partner_id.vat">-</t>)</t>.</p>'
    '<p>Từ ngày <t t-out="object.date_start"/><br/> &amp; <em>đến</em> '
    '<span class="x" t-out="object.date_end">?</span></p>'
)


def test_placeholder_expressions():
    assert ph.expressions(TEMPLATE) == {
        "object.company_id.name",
        "object.partner_id.name",
        "object.partner_id.vat",
        "object.date_start",
        "object.date_end",
    }
    assert ph.expressions("<p>No placeholder</p>") == set()
    # any other directive leaves the template to QWeb
    assert ph.expressions('<p t-foreach="object.line_ids" t-as="l">x</p>') is None
    assert ph.expressions('<p t-att-class="object.name">x</p>') is None


def test_fill_formats_and_hides_empty_fields():
    texts = {
        "object.company_id.name": "PRM & Co",
        "object.partner_id.name": "Sao Mai",
        "object.partner_id.vat": "",
        "object.date_start": "01/02/2026",
        "object.date_end": "",
    }
    conditions = {key: bool(value) for key, value in texts.items()}
    assert ph.fill(TEMPLATE, texts, conditions) == (
        "<p>Giữa <strong>PRM &amp; Co</strong> và <strong>Sao Mai</strong>.</p>"
        '<p>Từ ngày 01/02/2026<br> &amp; <em>đến</em> <span class="x">?</span></p>'
    )


def test_fill_keeps_set_fields_and_their_sentence():
    texts = {
        "object.company_id.name": "PRM",
        "object.partner_id.name": "Sao Mai",
        "object.partner_id.vat": "0101234567",
        "object.date_start": "01/02/2026",
        "object.date_end": "31/01/2027",
    }
    filled = ph.fill(TEMPLATE, texts, dict.fromkeys(texts, True))
    assert "(mã số thuế 0101234567)." in filled
    assert '<span class="x">31/01/2027</span>' in filled
    assert "t-out" not in filled and "t-if" not in filled and "<t>" not in filled
    # nothing of a value is read as markup
    assert "&lt;b&gt;" in ph.fill(
        '<t t-out="object.name"/>', {"object.name": "<b>"}, {"object.name": True}
    )
