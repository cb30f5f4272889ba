# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression


class PrmMailingSegment(models.Model):
    """A mailing list of Email Marketing kept equal to the contacts of the
    active channel partners matching audience rules. Contacts who opted out
    of the list stay on it, opted out, and are never subscribed again."""

    _name = "prm.mailing.segment"
    _description = "Partner Newsletter Segment"
    _inherit = ["mail.thread", "prm.audience.mixin"]
    _order = "id desc"
    _check_company_auto = True

    mailing_list_id = fields.Many2one(
        "mailing.list",
        required=True,
        ondelete="cascade",
        index=True,
        help="Created with the segment when left empty; the synchronisation "
        "adds and removes its subscriptions.",
    )
    name = fields.Char(related="mailing_list_id.name", string="Name", readonly=False)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    date_sync = fields.Datetime(string="Last Synchronisation", readonly=True)
    contact_count = fields.Integer(related="mailing_list_id.contact_count")
    # the audience's relation tables, named once and for all
    prm_tier_ids = fields.Many2many(
        relation="prm_mailing_segment_prm_tier_rel",
        column1="prm_mailing_segment_id",
        column2="prm_tier_id",
    )
    prm_territory_ids = fields.Many2many(
        relation="prm_mailing_segment_prm_territory_rel",
        column1="prm_mailing_segment_id",
        column2="prm_territory_id",
    )
    prm_partner_ids = fields.Many2many(
        relation="prm_mailing_segment_res_partner_rel",
        column1="prm_mailing_segment_id",
        column2="res_partner_id",
    )

    _sql_constraints = [
        ("mailing_list_uniq", "unique(mailing_list_id)", "One segment per list."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("mailing_list_id"):
                vals["mailing_list_id"] = (
                    self.env["mailing.list"]
                    .create({"name": vals.pop("name", False) or self.env._("Partners")})
                    .id
                )
        return super().create(vals_list)

    def action_sync(self):
        self.check_access("write")
        self._prm_sync()

    @api.model
    def _prm_cron_sync(self):
        """Synchronise every segment of an active list, by chunks (setting
        ``prm_portal.segment_sync.chunk_size``): a segment synchronised since
        the run's start leaves the domain."""
        return self.env["prm.batch.runner"]._prm_batch_run(
            "prm_portal.segment_sync",
            self,
            lambda started: [
                ("mailing_list_id.active", "=", True),
                "|",
                ("date_sync", "=", False),
                ("date_sync", "<", started),
            ],
            lambda segments, started: segments._prm_sync() or len(segments),
            default_chunk_size=10,
        )

    def _prm_sync(self):
        """Subscribe the matching contacts, unsubscribe the others; the same
        queries however many partners match."""
        Partner = self.env["res.partner"].sudo()
        MailingContact = self.env["mailing.contact"].sudo()
        Subscription = self.env["mailing.subscription"].sudo()
        for segment in self.sudo():
            partners = Partner.search(
                expression.AND(
                    [
                        segment._prm_audience_partner_domain(),
                        [("prm_stage", "=", "active")],
                    ]
                )
            )
            wanted = {}
            for contact in Partner.search(
                [
                    ("commercial_partner_id", "in", partners.ids),
                    ("email_normalized", "!=", False),
                ],
                order="id",
            ):
                wanted.setdefault(contact.email_normalized, contact)
            subscriptions = Subscription.search(
                [("list_id", "=", segment.mailing_list_id.id)]
            )
            current = {sub.contact_id.email_normalized for sub in subscriptions}
            # an opted-out subscription stays, so the opt-out is remembered
            subscriptions.filtered(
                lambda s, keep=wanted: not s.opt_out
                and s.contact_id.email_normalized not in keep
            ).unlink()
            missing = {e: c for e, c in wanted.items() if e not in current}
            known = {}
            if missing:
                for mailing_contact in MailingContact.search(
                    [("email_normalized", "in", list(missing))], order="id"
                ):
                    known.setdefault(mailing_contact.email_normalized, mailing_contact)
            new_contacts = MailingContact.create(
                [
                    {
                        "name": contact.name,
                        "email": contact.email,
                        "company_name": contact.commercial_partner_id.name,
                        "country_id": contact.country_id.id,
                        "prm_partner_id": contact.id,
                    }
                    for email, contact in missing.items()
                    if email not in known
                ]
            )
            known.update({c.email_normalized: c for c in new_contacts})
            Subscription.create(
                [
                    {
                        "contact_id": known[email].id,
                        "list_id": segment.mailing_list_id.id,
                    }
                    for email in missing
                ]
            )
            segment.date_sync = fields.Datetime.now()
