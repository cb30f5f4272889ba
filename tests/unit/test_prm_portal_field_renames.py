# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Renamed fields in saved searches and export lists."""

import ast

from conftest import load_logic

field_renames = load_logic("prm_portal").field_renames
RENAMES = field_renames.AUDIENCE_FIELDS


def rename(text):
    return field_renames.rename_in_expression(text, RENAMES)


def test_domain_names_and_paths_are_renamed():
    assert ast.literal_eval(rename("[('audience', '=', 'rules')]")) == [
        ("prm_audience", "=", "rules")
    ]
    assert ast.literal_eval(rename('[("tier_ids.name", "ilike", "Gold")]')) == [
        ("prm_tier_ids.name", "ilike", "Gold")
    ]
    # the field the path leads to is another model's: it keeps its name
    assert ast.literal_eval(
        rename("['|', ('territory_ids.partner_ids', '!=', False), ('name', '=', 1)]")
    ) == ["|", ("prm_territory_ids.partner_ids", "!=", False), ("name", "=", 1)]


def test_values_that_read_like_old_names_stay():
    for text in (
        "[('name', 'ilike', 'audience')]",
        "[('description', '=', 'tier_ids')]",
        "[('prm_audience', '=', 'all')]",
        "[('x_partner_ids', '=', 1)]",
        "[]",
        "",
        None,
    ):
        assert rename(text) == text


def test_context_groupings_and_measures_are_renamed():
    context = rename(
        "{'group_by': ['partner_type', 'create_date:month'], "
        "'pivot_measures': ['__count'], 'graph_groupbys': ['audience'], "
        "'pivot_row_groupby': 'partner_stage', 'lang': 'partner_type'}"
    )
    assert ast.literal_eval(context) == {
        "group_by": ["prm_partner_type", "create_date:month"],
        "pivot_measures": ["__count"],
        "graph_groupbys": ["prm_audience"],
        "pivot_row_groupby": "prm_partner_stage",
        # not a key that names fields
        "lang": "partner_type",
    }


def test_expressions_of_dates_survive():
    text = (
        "[('tier_ids', '!=', False), ('date_begin', '>=', "
        "(context_today() - relativedelta(days=7)).strftime('%Y-%m-%d'))]"
    )
    new = rename(text)
    assert "prm_tier_ids" in new
    assert "context_today() - relativedelta(days=7)" in new


def test_renaming_twice_changes_nothing_more():
    once = rename("[('tier_ids', 'in', [1]), ('audience', '=', 'rules')]")
    assert rename(once) == once


def test_unreadable_text_is_left_alone():
    assert rename("[('audience', '=',") == "[('audience', '=',"


def test_sort_orders():
    assert field_renames.rename_in_sort('["audience desc", "name"]', RENAMES) == (
        '["prm_audience desc", "name"]'
    )
    assert field_renames.rename_in_sort("[]", RENAMES) == "[]"
    assert field_renames.rename_in_sort('["name"]', RENAMES) == '["name"]'


def test_export_paths():
    rename_path = field_renames.rename_path
    assert rename_path("tier_ids/name", RENAMES) == "prm_tier_ids/name"
    assert rename_path("audience", RENAMES) == "prm_audience"
    assert rename_path("name/audience", RENAMES) == "name/audience"
    assert rename_path("tier_ids_count", RENAMES) == "tier_ids_count"
    assert rename_path(False, RENAMES) is False
