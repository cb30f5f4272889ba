# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ForumForum(models.Model):
    _name = "forum.forum"
    _inherit = ["forum.forum", "prm.audience.mixin"]
    _prm_audience_switch = "prm_partners_only"
    # the community is for the partners who sell: active ones only
    _prm_audience_stages = ("active",)

    # a forum belongs to no company: its tiers are of any
    tier_ids = fields.Many2many(check_company=False)
    prm_partners_only = fields.Boolean(
        string="Partners Only",
        help="Only the contacts of the active channel partners of its "
        "audience see it on the website.",
    )
