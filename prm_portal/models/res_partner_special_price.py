# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Special prices of a channel partner: a pricelist of its own.

Odoo's pricelist rules have no partner condition: a rule applies to whoever
orders with its pricelist. A rule limited to one partner is therefore a rule
of a pricelist only that partner uses. The partner's special pricelist holds
its approved special prices (one dated rule per product) and, last, one
global rule "tier pricelist price" (``base_pricelist_id``): every other
product, and the special products outside their dates, keep the tier price.
The partner and its contacts get that pricelist instead of the tier's;
a change of tier rebases it on the new tier pricelist.
"""

from odoo import fields, models

PERCENT_MODES = ("percent_amount", "percent_margin")

# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_special_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Special Prices Pricelist",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The partner's own pricelist: its approved special prices on top "
        "of its tier pricelist.",
    )

    def _prm_special_pricelist(self):
        """{partner id: its special pricelist}, created (and given to the
        partner and its contacts) for the partners without one."""
        partners = self.sudo()
        missing = partners.filtered(lambda p: not p.prm_special_pricelist_id)
        if missing:
            Pricelist = self.env["product.pricelist"].sudo()
            created = Pricelist.create(
                [
                    partner._prm_special_pricelist_vals(
                        partner.prm_tier_id.pricelist_id
                    )
                    for partner in missing
                ]
            )
            langs = [code for code, _name in self.env["res.lang"].get_installed()]
            for partner, pricelist in zip(missing, created, strict=True):
                partner.prm_special_pricelist_id = pricelist
                # shown in the shop's pricelist selector: in every language
                pricelist.update_field_translations(
                    "name",
                    {
                        lang: partner.with_context(lang=lang)._prm_special_name()
                        for lang in langs
                    },
                )
            missing._prm_use_special_pricelists()
        return {partner.id: partner.prm_special_pricelist_id for partner in partners}

    def _prm_special_name(self):
        return self.env._("%(partner)s special prices", partner=self.name)

    def _prm_special_pricelist_vals(self, tier_pricelist):
        self.ensure_one()
        company = self.company_id or self.env.company
        vals = {
            "name": self._prm_special_name(),
            "company_id": (tier_pricelist.company_id or company).id,
            "currency_id": (tier_pricelist.currency_id or company.currency_id).id,
            "selectable": False,
            "prm_partner_id": self.id,
        }
        if tier_pricelist:
            vals["item_ids"] = [
                fields.Command.create(
                    self.env["product.pricelist"]._prm_tier_item_vals(tier_pricelist)
                )
            ]
        return vals

    def _prm_use_special_pricelists(self):
        """The partners and their contacts order with their special pricelist."""
        for partner in self:
            contacts = (
                self.sudo()
                .with_context(active_test=False)
                .search([("commercial_partner_id", "=", partner.id)])
            )
            (contacts | partner).with_company(
                partner.prm_special_pricelist_id.company_id or partner._prm_company()
            )._prm_write_program_fields(
                {
                    "specific_property_product_pricelist": (
                        partner.prm_special_pricelist_id.id
                    )
                }
            )

    def _prm_apply_tier_pricelists(self):
        # the partners with special prices keep them, on their new tier price
        result = super()._prm_apply_tier_pricelists()
        special = self.sudo().filtered("prm_special_pricelist_id")
        for partner in special:
            partner.prm_special_pricelist_id._prm_rebase(
                partner.prm_tier_id.pricelist_id
            )
        special._prm_use_special_pricelists()
        return result

    def _prm_commission_rate(self, company):
        """Highest percentage the partner's commission plan (its override,
        else its tier's) may pay it on its own purchases, brackets included:
        the rate of the policy ceiling (special prices apply to the orders the
        partner places itself, so rules for sourced deals only are left out)."""
        self.ensure_one()
        partner = self.sudo()
        plan = partner._prm_commission_overrides(company).get(partner.id)
        if not plan:
            plan = partner.prm_tier_id.commission_plan_id
        if not plan or not plan.active:
            return 0.0
        rates = [0.0]
        for rule in plan.rule_ids.filtered(
            lambda r: r.active
            and r.compute_mode in PERCENT_MODES
            and r.order_kind != "sourced"
        ):
            if rule.partner_ids and partner not in rule.partner_ids:
                continue
            if rule.tier_ids and partner.prm_tier_id not in rule.tier_ids:
                continue
            if rule.partner_type and rule.partner_type != partner.prm_partner_type:
                continue
            rates.append(rule.rate)
            rates.extend(rule.bracket_ids.mapped("rate"))
        return max(rates)
