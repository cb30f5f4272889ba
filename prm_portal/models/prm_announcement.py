# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from textwrap import shorten

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import html2plaintext


class PrmAnnouncement(models.Model):
    _name = "prm.announcement"
    _description = "Partner Announcement"
    _inherit = ["mail.thread", "mail.activity.mixin", "prm.audience.mixin"]
    _order = "pinned desc, date_publish desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    body = fields.Html(translate=True, sanitize=True, sanitize_style=True)
    teaser = fields.Char(compute="_compute_teaser")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    date_publish = fields.Datetime(
        string="Publish On",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="Partners see the announcement from this moment once it is published.",
    )
    date_expiry = fields.Datetime(
        string="Expires On",
        tracking=True,
        help="Partners no longer see the announcement from this moment.",
    )
    pinned = fields.Boolean(help="Shown first in the partners' news feed.")
    require_ack = fields.Boolean(
        string="Read and Acknowledge",
        tracking=True,
        help="Each contact confirms having read it (e.g. a price change).",
    )
    ack_ids = fields.One2many(
        "prm.announcement.ack", "announcement_id", string="Readers"
    )
    read_count = fields.Integer(string="Read", compute="_compute_ack_counts")
    ack_count = fields.Integer(string="Acknowledged", compute="_compute_ack_counts")
    # the audience's relation tables, named once and for all
    prm_tier_ids = fields.Many2many(
        relation="prm_announcement_prm_tier_rel",
        column1="prm_announcement_id",
        column2="prm_tier_id",
    )
    prm_territory_ids = fields.Many2many(
        relation="prm_announcement_prm_territory_rel",
        column1="prm_announcement_id",
        column2="prm_territory_id",
    )
    prm_partner_ids = fields.Many2many(
        relation="prm_announcement_res_partner_rel",
        column1="prm_announcement_id",
        column2="res_partner_id",
    )

    @api.depends("body")
    def _compute_teaser(self):
        for announcement in self:
            announcement.teaser = shorten(
                " ".join(html2plaintext(announcement.body or "").split()), 180
            )

    def _compute_ack_counts(self):
        groups = self.env["prm.announcement.ack"]._read_group(
            [("announcement_id", "in", self.ids)],
            ["announcement_id"],
            ["date_read:count", "date_acknowledged:count"],
        )
        counts = {record.id: (read, acked) for record, read, acked in groups}
        for announcement in self:
            announcement.read_count, announcement.ack_count = counts.get(
                announcement.id, (0, 0)
            )

    @api.constrains("date_publish", "date_expiry")
    def _check_dates(self):
        for announcement in self:
            if (
                announcement.date_expiry
                and announcement.date_expiry <= announcement.date_publish
            ):
                raise ValidationError(
                    self.env._(
                        "The announcement %(name)s must expire after it is published.",
                        name=announcement.name,
                    )
                )

    @api.model
    def _prm_live_domain(self, now=None):
        """Published, past their publishing date and not expired."""
        now = now or fields.Datetime.now()
        return [
            ("state", "=", "published"),
            ("active", "=", True),
            ("date_publish", "<=", now),
            "|",
            ("date_expiry", "=", False),
            ("date_expiry", ">", now),
        ]

    @api.model
    def _prm_audience_domain(self, partner):
        # partners only ever see live announcements of their audience
        return expression.AND(
            [super()._prm_audience_domain(partner), self._prm_live_domain()]
        )

    def action_publish(self):
        self.check_access("write")
        self.write({"state": "published"})

    def action_draft(self):
        self.check_access("write")
        self.write({"state": "draft"})

    def action_view_acks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Readers of %(name)s", name=self.name),
            "res_model": "prm.announcement.ack",
            "view_mode": "list",
            "domain": [("announcement_id", "=", self.id)],
            "context": {"create": False},
        }
