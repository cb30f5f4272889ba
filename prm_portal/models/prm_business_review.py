# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PrmBusinessReview(models.Model):
    _name = "prm.business.review"
    _inherit = ["prm.business.review", "portal.mixin"]

    def _prm_scorecard_scores(self):
        """Adds the partner's engagement: its score, the forum karma of its
        contacts and the partner events they attended."""
        scores = super()._prm_scorecard_scores()
        partner = self.partner_id.sudo()
        if partner.prm_engagement_date:
            scores.append(
                (
                    self.env._("Engagement score"),
                    self.env._(
                        "%(score)s / 100 (before: %(previous)s)",
                        score=round(partner.prm_engagement_score),
                        previous=round(partner.prm_engagement_previous),
                    ),
                )
            )
        if partner.prm_forum_karma:
            scores.append((self.env._("Forum karma"), str(partner.prm_forum_karma)))
        if partner.prm_event_attended_count:
            scores.append(
                (
                    self.env._("Partner events attended"),
                    self.env._(
                        "%(count)s (%(hours)s training hours)",
                        count=partner.prm_event_attended_count,
                        hours=format(partner.prm_event_training_hours, "g"),
                    ),
                )
            )
        return scores

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for review in self:
            review.access_url = f"/my/reviews/{review.id}"
        return result
