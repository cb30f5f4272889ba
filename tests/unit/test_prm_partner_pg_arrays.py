# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from conftest import load_logic_module

arrays = load_logic_module("prm_partner", "pg_arrays")


def test_numbers_make_one_array_literal():
    assert arrays.number_array([3, 1, 2]) == "{3,1,2}"
    assert arrays.number_array([0.5, 12.0]) == "{0.5,12.0}"
    assert arrays.number_array([]) == "{}"


def test_keys_are_quoted_and_missing_ones_are_null():
    assert arrays.key_array(["on_track", None, "", "behind"]) == (
        '{"on_track",NULL,NULL,"behind"}'
    )


def test_id_array_is_the_number_array_of_the_ids():
    ids = list(range(10, 20))
    expected = "{10,11,12,13,14,15,16,17,18,19}"
    assert arrays.id_array(ids) == arrays.number_array(ids) == expected
    # kept, not written again
    assert arrays.id_array(tuple(ids)) is arrays.id_array(ids)
    assert arrays.id_array([]) == "{}"


def test_repeated_values_make_the_same_literal_as_numbers():
    values = [0.0, 12.5, 0.0, 1200.0, 12.5, 33.3]
    assert arrays.value_array(values) == arrays.number_array(values)
    assert arrays.value_array([]) == "{}"
