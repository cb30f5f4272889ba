# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Engagement score of the channel partners, refreshed by a cron in chunks;
the arithmetic lives in ``logic/engagement.py``."""

import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..logic import engagement

JOB = "prm_portal.engagement"
#: the model of the announcements acknowledged, when installed
ACK_MODEL = "prm.announcement.ack"


# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited
class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_engagement_score = fields.Float(
        string="Engagement Score",
        readonly=True,
        copy=False,
        digits=(5, 1),
        aggregator="avg",
        help="What the partner's contacts did over the last 30 days (portal "
        "logins, events attended, forum posts, support tickets, announcements "
        "acknowledged), from 0 to 100.",
    )
    prm_engagement_previous = fields.Float(
        string="Previous Engagement Score", readonly=True, copy=False, digits=(5, 1)
    )
    prm_engagement_date = fields.Date(
        string="Engagement Computed On", readonly=True, copy=False
    )
    prm_engagement_dropped = fields.Boolean(
        string="Engagement Dropped",
        readonly=True,
        copy=False,
        index=True,
        help="The last score is at least 30% below the one before.",
    )
    prm_forum_karma = fields.Integer(
        string="Forum Karma",
        compute="_compute_prm_forum_karma",
        help="Karma the partner's contacts earned on the forums.",
    )

    def _compute_prm_forum_karma(self):
        karma = defaultdict(int)
        users = (
            self.env["res.users"]
            .sudo()
            .search_fetch(
                [("partner_id.commercial_partner_id", "in", self.ids)],
                ["karma", "commercial_partner_id"],
            )
        )
        for user in users:
            karma[user.commercial_partner_id.id] += user.karma
        for partner in self:
            partner.prm_forum_karma = karma.get(partner.id, 0)

    # Measures ----------------------------------------------------------------

    def _prm_engagement_components(self):
        """The components measured in this database."""
        codes = {
            engagement.LOGINS,
            engagement.EVENTS,
            engagement.FORUM,
            engagement.TICKETS,
        }
        # announcements come with their own addon
        if ACK_MODEL in self.env:
            codes.add(engagement.ACKS)
        return engagement.measured(codes)

    def _prm_engagement_activity(self, since):
        """{commercial partner id: {component code: count}} since the
        datetime ``since``; a fixed number of queries whatever the number of
        partners."""
        activity = defaultdict(lambda: defaultdict(int))
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("partner_id.commercial_partner_id", "in", self.ids)],
                ["commercial_partner_id"],
            )
        )
        company_of = {user.id: user.commercial_partner_id.id for user in users}
        for user, __ in (
            self.env["res.users.log"]
            .sudo()
            ._read_group(
                [("create_uid", "in", users.ids), ("create_date", ">=", since)],
                ["create_uid"],
                ["__count"],
            )
        ):
            # contacts who signed in, not how often the log was kept
            activity[company_of[user.id]][engagement.LOGINS] += 1
        for partner_id, events in self._prm_events_attended(since.date()).items():
            activity[partner_id][engagement.EVENTS] += len(events)
        for user, count in (
            self.env["forum.post"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("create_uid", "in", users.ids), ("create_date", ">=", since)],
                ["create_uid"],
                ["__count"],
            )
        ):
            activity[company_of[user.id]][engagement.FORUM] += count
        for partner, count in (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", self.ids),
                    ("create_date", ">=", since),
                ],
                ["commercial_partner_id"],
                ["__count"],
            )
        ):
            activity[partner.id][engagement.TICKETS] += count
        if ACK_MODEL in self.env:
            for partner, count in (
                self.env[ACK_MODEL]
                .sudo()
                ._read_group(
                    [
                        ("commercial_partner_id", "in", self.ids),
                        ("date_acknowledged", ">=", since),
                    ],
                    ["commercial_partner_id"],
                    ["__count"],
                )
            ):
                activity[partner.id][engagement.ACKS] += count
        return activity

    def _prm_refresh_engagement(self, today=None):
        """Score the partners of ``self``, keep the score before as the
        previous one, and tell the partner managers of the partners whose
        engagement just dropped. Returns the partners that dropped."""
        if not self:
            return self
        today = today or fields.Date.context_today(self)
        since = fields.Datetime.to_datetime(today) - datetime.timedelta(
            days=engagement.WINDOW_DAYS - 1
        )
        components = self._prm_engagement_components()
        activity = self._prm_engagement_activity(since)
        partners = self.sudo().search_fetch(
            [("id", "in", self.ids)],
            ["prm_engagement_score", "prm_engagement_dropped", "prm_manager_id"],
        )
        rows = []
        newly_dropped = self.browse()
        for partner in partners:
            score = engagement.score(activity.get(partner.id, {}), components)
            dropped = engagement.dropped(partner.prm_engagement_score, score)
            if dropped and not partner.prm_engagement_dropped:
                newly_dropped |= partner
            rows.append(SQL("(%s, %s::numeric, %s)", partner.id, score, dropped))
        self.env.flush_all()
        # one UPDATE for the chunk: the previous score is the stored one
        self.env.cr.execute(
            SQL(
                """UPDATE res_partner AS p
                      SET prm_engagement_previous = p.prm_engagement_score,
                          prm_engagement_score = v.score,
                          prm_engagement_dropped = v.dropped,
                          prm_engagement_date = %s
                     FROM (VALUES %s) AS v(id, score, dropped)
                    WHERE p.id = v.id""",
                today,
                SQL(", ").join(rows),
            )
        )
        self.invalidate_recordset(
            [
                "prm_engagement_previous",
                "prm_engagement_score",
                "prm_engagement_dropped",
                "prm_engagement_date",
            ]
        )
        newly_dropped._prm_engagement_drop_activities()
        return newly_dropped

    def _prm_engagement_drop_activities(self):
        """A to-do for the partner manager of each partner of ``self``."""
        partners = self.filtered("prm_manager_id")
        if not partners:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": partner.prm_manager_id.id,
                    "summary": self.env._(
                        "Engagement dropped from %(previous)s to %(score)s",
                        previous=round(partner.prm_engagement_previous),
                        score=round(partner.prm_engagement_score),
                    ),
                }
                for partner in partners
            ]
        )

    @api.model
    def _cron_prm_engagement(self):
        """Score the channel partners not scored since the run began, in
        chunks of the batch runner (setting ``prm_portal.engagement.chunk_size``,
        500 by default)."""
        return self.env["prm.batch.runner"]._prm_batch_run(
            JOB,
            self.sudo().with_context(active_test=False),
            self._prm_engagement_run_domain,
            self._prm_engagement_run_chunk,
            default_chunk_size=500,
        )

    @api.model
    def _prm_engagement_run_domain(self, started):
        return [
            ("prm_is_partner", "=", True),
            ("parent_id", "=", False),
            "|",
            ("prm_engagement_date", "=", False),
            ("prm_engagement_date", "<", fields.Date.context_today(self, started)),
        ]

    def _prm_engagement_run_chunk(self, partners, started):
        """Score a chunk on the day the run began; returns how many dropped."""
        return len(
            partners._prm_refresh_engagement(fields.Date.context_today(self, started))
        )
