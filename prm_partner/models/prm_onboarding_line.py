# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PrmOnboardingLine(models.Model):
    _name = "prm.onboarding.line"
    _description = "Partner Onboarding Checklist Item"
    _order = "sequence, id"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    task_id = fields.Many2one("prm.onboarding.task", required=True, ondelete="cascade")
    name = fields.Char(related="task_id.name")
    sequence = fields.Integer(related="task_id.sequence", store=True)
    done = fields.Boolean()
    done_date = fields.Date(readonly=True)
    done_user_id = fields.Many2one("res.users", string="Done By", readonly=True)

    _sql_constraints = [
        (
            "partner_task_uniq",
            "unique(partner_id, task_id)",
            "The task is already on the partner's checklist.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("done"):
                vals.setdefault("done_date", fields.Date.context_today(self))
                vals.setdefault("done_user_id", self.env.uid)
        return super().create(vals_list)

    def write(self, vals):
        if "done" in vals:
            vals = dict(vals)
            if vals["done"]:
                vals.update(
                    done_date=fields.Date.context_today(self), done_user_id=self.env.uid
                )
            else:
                vals.update(done_date=False, done_user_id=False)
        return super().write(vals)
