# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..logic import conflict

REASON_SELECTION = [
    (conflict.TAX_ID, "Same tax ID"),
    (conflict.EMAIL_DOMAIN, "Same e-mail domain"),
    (conflict.PHONE, "Same phone number"),
    (conflict.NAME, "Same company name"),
    (conflict.FUZZY_NAME, "Similar company name"),
]


class PrmDealRegistrationConflict(models.Model):
    _name = "prm.deal.registration.conflict"
    _description = "Deal Registration Conflict"
    _order = "score desc, id"

    registration_id = fields.Many2one(
        "prm.deal.registration", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="registration_id.company_id", store=True)
    partner_id = fields.Many2one(
        related="registration_id.partner_id", string="Channel Partner"
    )
    state = fields.Selection(related="registration_id.state", string="Status")
    kind = fields.Selection(
        [
            ("lead", "Open Lead / Opportunity"),
            ("customer", "Customer with Recent Orders"),
            ("registration", "Other Registration"),
            ("concurrent", "Registered at the Same Moment"),
        ],
        string="Conflicts With",
        required=True,
    )
    score = fields.Integer(required=True, aggregator="max")
    severity = fields.Selection(
        [("high", "High"), ("medium", "Medium"), ("low", "Low")],
        compute="_compute_severity",
    )
    reason = fields.Selection(REASON_SELECTION, string="Main Reason")
    criteria = fields.Char(string="Matching Criteria Codes")
    reasons = fields.Char(compute="_compute_reasons")
    explanation = fields.Char(
        string="Why",
        readonly=True,
        help="The values that match, and the similarity of the names for a "
        "similar name (1 is the same name).",
    )
    similarity = fields.Float(
        string="Name Similarity",
        digits=(3, 2),
        readonly=True,
        help="Trigram similarity of the distinctive names (similar names only).",
    )
    # The review keeps its evidence when a lead, customer or registration is
    # deleted (or merged): the link is cleared, its name stays.
    lead_id = fields.Many2one(
        "crm.lead", string="Lead / Opportunity", ondelete="set null"
    )
    customer_id = fields.Many2one("res.partner", ondelete="set null")
    other_registration_id = fields.Many2one(
        "prm.deal.registration", ondelete="set null"
    )
    other_name = fields.Char(
        string="Conflicting Record",
        readonly=True,
        help="Name of the lead, customer or registration when the conflict was "
        "found; kept if that record is deleted later.",
    )
    other_partner_id = fields.Many2one(
        "res.partner", string="Other Channel Partner", ondelete="set null"
    )
    other_state = fields.Selection(related="other_registration_id.state")

    @api.depends("score")
    def _compute_severity(self):
        for line in self:
            line.severity = conflict.severity(line.score)

    @api.depends("criteria", "kind")
    def _compute_reasons(self):
        labels = dict(self._fields["reason"]._description_selection(self.env))
        for line in self:
            codes = [c for c in (line.criteria or "").split(",") if c in labels]
            if line.kind == "concurrent":
                line.reasons = self.env._(
                    "Another registration of the same customer was submitted at the "
                    "same moment; check again to see it."
                )
            else:
                line.reasons = ", ".join(labels[c] for c in codes)
