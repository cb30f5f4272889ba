# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from conftest import load_logic

sat = load_logic("prm_training").satisfaction


def test_nps_promoters_minus_detractors():
    # 5 promoters, 3 passives, 2 detractors of 10
    assert sat.nps({10: 3, 9: 2, 8: 2, 7: 1, 6: 1, 0: 1}) == 30.0
    assert sat.nps({10: 4}) == 100.0
    assert sat.nps({3: 1, 6: 1}) == -100.0
    assert sat.nps({}) is None


def test_csat_is_the_average_as_a_share_of_the_scale():
    assert sat.csat({5: 2}) == 100.0
    assert sat.csat({1: 1}) == 0.0
    assert sat.csat({4: 1, 5: 1}) == 87.5
    assert sat.csat({3: 2}, scale_min=1, scale_max=5) == 50.0
    assert sat.csat({}) is None
    assert sat.csat({5: 1}, scale_min=5, scale_max=5) is None
