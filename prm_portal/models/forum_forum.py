# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ForumForum(models.Model):
    _name = "forum.forum"
    _inherit = ["forum.forum", "prm.partner.audience.mixin"]

    # the community is for the partners who sell: active ones only
    _prm_audience_stages = ("active",)
