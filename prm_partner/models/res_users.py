# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    prm_restrict_to_territories = fields.Boolean(
        string="PRM: Own Territories Only",
        help="The user only sees and works the channel partners they manage or "
        "that belong to the territories they manage.",
    )

    def write(self, vals):
        result = super().write(vals)
        if "prm_restrict_to_territories" in vals:
            # record rules read this flag: drop the cached rule domains
            self.env.registry.clear_cache()
        return result
