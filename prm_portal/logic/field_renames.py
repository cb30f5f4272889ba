# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Field names written in users' saved searches and export lists, rewritten
after fields were renamed. Only the places that name a field of the model
change (the first field of a domain term's path, the groupings, measures
and orders of a context, a sort order): a value that reads like an old name
stays, and so do the fields a path leads to (other models' fields)."""

import ast
import re

#: the audience fields that took the prefix in 18.0.1.4.0
AUDIENCE_FIELDS = {
    "audience": "prm_audience",
    "tier_ids": "prm_tier_ids",
    "partner_type": "prm_partner_type",
    "territory_ids": "prm_territory_ids",
    "partner_ids": "prm_partner_ids",
    "partner_stage": "prm_partner_stage",
}
#: the models that carry them
AUDIENCE_MODELS = (
    "event.event",
    "forum.forum",
    "prm.document",
    "prm.announcement",
    "prm.mailing.segment",
)
#: context keys of the web client whose values are field names
CONTEXT_KEYS = (
    "group_by",
    "pivot_row_groupby",
    "pivot_column_groupby",
    "pivot_measures",
    "graph_groupbys",
    "graph_measure",
)
_FIELD_HEAD = re.compile(r"^([a-z0-9_]+)(.*)$", re.DOTALL)


def rename_path(path, renames):
    """``path`` (``'tier_ids.name'``, ``'date:month'``, ``'name desc'``,
    ``'tier_ids/name'``) with its first field renamed."""
    match = _FIELD_HEAD.match(path) if isinstance(path, str) else None
    if not match or match.group(1) not in renames:
        return path
    return renames[match.group(1)] + match.group(2)


class _Renamer(ast.NodeTransformer):
    def __init__(self, renames):
        self.renames = renames

    def _rename(self, node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            new = rename_path(node.value, self.renames)
            if new != node.value:
                return ast.copy_location(ast.Constant(new), node)
        return node

    def _rename_all(self, node):
        if isinstance(node, ast.List | ast.Tuple):
            node.elts = [self._rename(item) for item in node.elts]
            return node
        return self._rename(node)

    def visit_Tuple(self, node):
        # a domain term: (field path, operator, value)
        self.generic_visit(node)
        if (
            len(node.elts) == 3
            and isinstance(node.elts[1], ast.Constant)
            and isinstance(node.elts[1].value, str)
        ):
            node.elts[0] = self._rename(node.elts[0])
        return node

    visit_List = visit_Tuple

    def visit_Dict(self, node):
        self.generic_visit(node)
        for index, key in enumerate(node.keys):
            if isinstance(key, ast.Constant) and key.value in CONTEXT_KEYS:
                node.values[index] = self._rename_all(node.values[index])
        return node


def rename_in_expression(text, renames):
    """``text`` (a saved domain or context: a Python expression) with the
    field names it holds renamed; ``text`` itself when nothing changes or
    it cannot be read."""
    if not text or not any(old in text for old in renames):
        return text
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return text
    before = ast.dump(tree)
    tree = _Renamer(renames).visit(tree)
    if ast.dump(tree) == before:
        return text
    return ast.unparse(tree)


def rename_in_sort(text, renames):
    """A saved sort order (a JSON list of ``'field direction'``)."""
    if not text or not any(old in text for old in renames):
        return text
    try:
        orders = ast.literal_eval(text)
    except (SyntaxError, ValueError):
        return text
    if not isinstance(orders, list):
        return text
    new = [rename_path(order, renames) for order in orders]
    if new == orders:
        return text
    return "[" + ", ".join(f'"{order}"' for order in new) + "]"
