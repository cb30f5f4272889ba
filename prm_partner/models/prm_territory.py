# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..logic import zip_ranges


class PrmTerritory(models.Model):
    _name = "prm.territory"
    _description = "Partner Territory"
    _parent_store = True
    _parent_name = "parent_id"
    _order = "complete_name"
    _rec_name = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one(
        "prm.territory", index=True, ondelete="restrict", check_company=True
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("prm.territory", "parent_id", string="Sub-territories")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    country_ids = fields.Many2many("res.country", string="Countries")
    state_ids = fields.Many2many(
        "res.country.state",
        string="States",
        domain="[('country_id', 'in', country_ids)] if country_ids else []",
    )
    zip_from = fields.Char()
    zip_to = fields.Char()
    industry_ids = fields.Many2many("res.partner.industry", string="Industries")
    exclusive = fields.Boolean(
        help="Only the partners of this territory receive its leads; "
        "partners of broader territories are not offered them.",
    )
    manager_ids = fields.Many2many(
        "res.users",
        "prm_territory_manager_rel",
        "territory_id",
        "user_id",
        string="Managers",
        help="PRM users who work the partners of this territory.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "prm_territory_res_partner_rel",
        "territory_id",
        "partner_id",
        string="Partners",
    )
    partner_count = fields.Integer(compute="_compute_partner_count")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, parent_id, company_id)",
            "A territory with this name already exists at this level.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for territory in self:
            if territory.parent_id:
                territory.complete_name = (
                    f"{territory.parent_id.complete_name} / {territory.name}"
                )
            else:
                territory.complete_name = territory.name

    def _compute_partner_count(self):
        for territory in self:
            territory.partner_count = len(territory.partner_ids)

    @api.constrains("zip_from", "zip_to")
    def _check_zip_range(self):
        messages = {
            zip_ranges.INCOMPLETE: self.env._(
                "Territory %(name)s: give both the first and the last zip of the range."
            ),
            zip_ranges.INVALID: self.env._(
                "Territory %(name)s: zips may only hold letters, digits, spaces "
                "and dashes."
            ),
            zip_ranges.SHAPE: self.env._(
                "Territory %(name)s: both zips of the range must have the same length "
                "and kind (digits or letters)."
            ),
            zip_ranges.REVERSED: self.env._(
                "Territory %(name)s: the first zip of the range comes after the "
                "last one."
            ),
        }
        for territory in self:
            error = zip_ranges.validate_range(territory.zip_from, territory.zip_to)
            if error:
                raise ValidationError(messages[error] % {"name": territory.name})

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("Territories cannot be nested in a loop."))

    def _prm_rule_values(self):
        """Territories as plain mappings for the routing rules."""
        return [
            {
                "id": territory.id,
                "name": territory.complete_name,
                "parent_id": territory.parent_id.id or None,
                "country_ids": territory.country_ids.ids,
                "state_ids": territory.state_ids.ids,
                "zip_from": territory.zip_from,
                "zip_to": territory.zip_to,
                "industry_ids": territory.industry_ids.ids,
                "exclusive": territory.exclusive,
            }
            for territory in self
        ]
