# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ForumForum(models.Model):
    _name = "forum.forum"
    _inherit = ["forum.forum", "prm.audience.mixin"]
    _prm_audience_switch = "prm_partners_only"
    # the community is for the partners who sell: active ones only
    _prm_audience_stages = ("active",)

    # the audience's relation tables, named once and for all
    prm_tier_ids = fields.Many2many(
        relation="forum_forum_prm_tier_rel",
        column1="forum_forum_id",
        column2="prm_tier_id",
        # a forum belongs to no company: its tiers are of any
        check_company=False,
    )
    prm_territory_ids = fields.Many2many(
        relation="forum_forum_prm_territory_rel",
        column1="forum_forum_id",
        column2="prm_territory_id",
    )
    prm_partner_ids = fields.Many2many(
        # forum_forum_res_partner_rel before 18.0.1.4.0, a name of Odoo's pattern
        relation="forum_forum_prm_partner_rel",
        column1="forum_forum_id",
        column2="res_partner_id",
    )
    prm_partners_only = fields.Boolean(
        string="Partners Only",
        help="Only the contacts of the active channel partners of its "
        "audience see it on the website.",
    )
