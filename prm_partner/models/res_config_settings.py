# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    prm_tier_grace_days = fields.Integer(
        related="company_id.prm_tier_grace_days", readonly=False
    )
    prm_auto_route_leads = fields.Boolean(
        related="company_id.prm_auto_route_leads", readonly=False
    )
    prm_certification_warning_days = fields.Integer(
        related="company_id.prm_certification_warning_days", readonly=False
    )

    def set_values(self):
        # Switching Pricelists off archives every pricelist: refuse while
        # tiers give theirs to partners, rather than drop the tier discounts.
        if "group_product_pricelist" in self._fields and not (
            self.group_product_pricelist
        ):
            tiers = (
                self.env["prm.tier"]
                .sudo()
                .search([("pricelist_id", "!=", False)], limit=5)
            )
            if tiers:
                raise UserError(
                    self.env._(
                        "The tiers %(tiers)s give their pricelists to partners: "
                        "remove those pricelists from the tiers before you turn "
                        "Pricelists off.",
                        tiers=", ".join(tiers.mapped("display_name")),
                    )
                )
        return super().set_values()
