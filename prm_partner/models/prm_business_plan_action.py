# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PrmBusinessPlanAction(models.Model):
    _name = "prm.business.plan.action"
    _description = "Business Plan Action"
    _order = "done, date_deadline, id"

    plan_id = fields.Many2one(
        "prm.business.plan", required=True, index=True, ondelete="cascade"
    )
    review_id = fields.Many2one(
        "prm.business.review",
        string="Agreed in Review",
        index="btree_not_null",
        ondelete="set null",
    )
    name = fields.Char(string="Action", required=True)
    owner_side = fields.Selection(
        [("vendor", "Vendor"), ("partner", "Partner")],
        string="Owner",
        required=True,
        default="partner",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Vendor Owner",
        domain="[('share', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Partner Owner",
        domain="[('parent_id', '=', partner_id)]",
    )
    date_deadline = fields.Date(string="Due Date")
    done = fields.Boolean()
    done_on = fields.Date(readonly=True, copy=False)
    partner_id = fields.Many2one(
        related="plan_id.partner_id", store=True, index=True, string="Partner"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    state = fields.Selection(related="plan_id.state", string="Plan Status")
    is_late = fields.Boolean(compute="_compute_is_late")

    @api.depends("date_deadline", "done")
    @api.depends_context("tz")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_late = bool(
                not action.done
                and action.date_deadline
                and action.date_deadline < today
            )

    def write(self, vals):
        if "done" in vals:
            vals["done_on"] = fields.Date.context_today(self) if vals["done"] else False
        return super().write(vals)
