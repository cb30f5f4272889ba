# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The distinctive name leaves out a legal form written with one typo
("Cônng ty TNHH"): every stored key is refreshed in the background, by
chunks, and the trigram indexes of the names rebuilt at the end."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["prm.conflict.term"]._prm_terms_changed()
