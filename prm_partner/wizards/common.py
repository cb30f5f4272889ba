# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the wizards of the suite share."""


def reopen(wizard, **values):
    """Window action showing ``wizard`` again, e.g. after it refreshed its
    lines; ``values`` add to the action (its ``name``)."""
    wizard.ensure_one()
    return {
        "type": "ir.actions.act_window",
        "res_model": wizard._name,
        "res_id": wizard.id,
        "view_mode": "form",
        "target": "new",
        **values,
    }
