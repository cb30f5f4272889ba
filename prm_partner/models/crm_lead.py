# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import access
from ..logic import routing as routing_rules


class CrmLead(models.Model):
    _inherit = "crm.lead"

    prm_partner_id = fields.Many2one(
        "res.partner",
        string="Channel Partner",
        index=True,
        tracking=True,
        domain="[('prm_is_partner', '=', True), ('is_company', '=', True)]",
        help="The channel partner working this deal.",
    )
    prm_tier_id = fields.Many2one(
        related="prm_partner_id.prm_tier_id", string="Partner Tier"
    )
    prm_declined_partner_ids = fields.Many2many(
        "res.partner",
        "crm_lead_prm_declined_partner_rel",
        "lead_id",
        "partner_id",
        string="Declined By",
        groups="base.group_user",
        help="Channel partners that declined this lead; routing never offers it "
        "back to them.",
    )
    # Routing is the vendor's business (partners may read leads with
    # website_crm_partner_assign): internal users only.
    prm_routing_reason = fields.Text(
        string="Routing Reason", readonly=True, copy=False, groups="base.group_user"
    )
    prm_routed_on = fields.Datetime(
        string="Routed On", readonly=True, copy=False, groups="base.group_user"
    )
    prm_win_reported = fields.Boolean(
        string="Win Reported by the Partner",
        readonly=True,
        copy=False,
        help="The channel partner marked the opportunity won on the portal: it "
        "counts for the partner's tier once a confirmed sale order backs it or a "
        "PRM user confirms the win.",
    )
    prm_win_confirmed_by_id = fields.Many2one(
        "res.users",
        string="Win Confirmed By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        to_route = leads.filtered(
            lambda lead: not lead.prm_partner_id
            and (lead.company_id or self.env.company).prm_auto_route_leads
        )
        if to_route and not self.env.context.get("prm_no_auto_route"):
            to_route._prm_route_automatically()
        return leads

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals or "active" in vals:
            # a reopened opportunity forgets the win the partner reported
            reopened = self.filtered(
                lambda lead: lead.prm_win_reported
                and not (lead.active and lead.stage_id.is_won)
            )
            if reopened:
                reopened.sudo().write(
                    {"prm_win_reported": False, "prm_win_confirmed_by_id": False}
                )
        return result

    def action_prm_confirm_win(self):
        """A PRM user confirms a win the partner reported: it counts for the
        partner's tier from now on."""
        access.require(
            self.env,
            access.USER,
            self.env._("Only PRM users can confirm a win reported by a partner."),
        )
        # a PRM task, like routing: on the leads of other salespeople too
        self.check_access("read")
        reported = self.filtered(
            lambda lead: lead.prm_win_reported and not lead.prm_win_confirmed_by_id
        )
        reported.sudo().write({"prm_win_confirmed_by_id": self.env.user.id})
        for lead in reported:
            lead.message_post(
                body=self.env._(
                    "Win reported by %(partner)s confirmed.",
                    partner=lead.prm_partner_id.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # Routing

    def _prm_routing_templates(self):
        return {
            "zip": self.env._(
                "zip %(zip)s in territory %(territory)s (%(zip_from)s-%(zip_to)s)"
            ),
            "state": self.env._("state matches territory %(territory)s"),
            "country": self.env._("country matches territory %(territory)s"),
            "anywhere": self.env._("territory %(territory)s covers every location"),
            "no_territory": self.env._("no territory matches the lead"),
            "type": self.env._("partner type %(type)s wanted"),
            "tier": self.env._("tier rank %(rank)s"),
            "no_tier": self.env._("no tier"),
            "load": self.env._("%(open)s of %(capacity)s open leads"),
            "load_unlimited": self.env._("%(open)s open leads, no limit"),
            "declined": self.env._("declined this lead before"),
            "full": self.env._("at capacity (%(open)s of %(capacity)s open leads)"),
        }

    def _prm_candidate_partners(self):
        company = self.company_id or self.env.company
        return (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("prm_is_partner", "=", True),
                    ("is_company", "=", True),
                    ("prm_stage", "=", "active"),
                    ("company_id", "in", (company.id, False)),
                ]
            )
        )

    def _prm_routing_data(self):
        """Candidate partners and territories of the lead's company, read once.

        Shared by all the leads of a batch so that routing many leads does not
        read the partners again for each of them.
        """
        company = self.company_id or self.env.company
        partners = self.with_company(company)._prm_candidate_partners()
        territories = (
            self.env["prm.territory"]
            .sudo()
            .search([("active", "=", True), ("company_id", "=", company.id)])
        )
        open_leads = partners._prm_open_lead_counts()
        return {
            "partners": partners,
            "territory_values": territories._prm_rule_values(),
            "partner_values": [
                {
                    "id": partner.id,
                    "name": partner.name,
                    "territory_ids": partner.prm_territory_ids.ids,
                    "partner_type": partner.prm_partner_type,
                    "tier_rank": partner.prm_tier_id.rank
                    if partner.prm_tier_id
                    else None,
                    "open_leads": open_leads.get(partner.id, 0),
                    "capacity": partner.prm_max_open_leads,
                    "weight": partner.prm_routing_weight or 1,
                    "last_assigned": partner.prm_last_routed,
                }
                for partner in partners
            ],
        }

    def _prm_route_candidates(
        self, partner_types=None, include_excluded=False, routing_data=None
    ):
        """Ranked candidates for this lead: list of (partner, score, reason)."""
        self.ensure_one()
        data = routing_data or self._prm_routing_data()
        partners = data["partners"]
        partner_values = data["partner_values"]
        territory_values = data["territory_values"]
        lead_values = {
            "country_id": self.country_id.id,
            "state_id": self.state_id.id,
            "zip": self.zip,
            "industry_id": self.partner_id.commercial_partner_id.industry_id.id or None,
        }
        exclusive = [t for t in territory_values if t["exclusive"]]
        # An exclusive territory that covers the lead keeps its leads to its partners.
        by_id = {t["id"]: t for t in territory_values}
        covering = [
            t["id"]
            for t in exclusive
            if routing_rules.match_level(
                routing_rules.effective_territory(t, by_id), lead_values
            )
            > routing_rules.NO_MATCH
        ]
        if covering:
            # partners of the exclusive territories and of their sub-territories
            territories = self.env["prm.territory"].sudo().browse(list(by_id))
            members = set(
                territories.filtered(
                    lambda t: any(
                        f"/{territory_id}/" in f"/{t.parent_path}"
                        for territory_id in covering
                    )
                ).ids
            )
            partner_values = [
                p for p in partner_values if members & set(p["territory_ids"])
            ]
        candidates = routing_rules.rank_candidates(
            lead_values,
            partner_values,
            territory_values,
            partner_types=partner_types,
            declined_ids=self.prm_declined_partner_ids.ids,
            include_excluded=include_excluded,
        )
        templates = self._prm_routing_templates()
        type_names = dict(
            self.env["res.partner"]
            ._fields["prm_partner_type"]
            ._description_selection(self.env)
        )
        result = []
        for candidate in candidates:
            reasons = [
                (
                    code,
                    dict(params, type=type_names.get(params["type"], params["type"])),
                )
                if code == "type"
                else (code, params)
                for code, params in candidate.reasons
            ]
            result.append(
                (
                    partners.browse(candidate.partner_id),
                    candidate.score,
                    routing_rules.format_reason(reasons, templates),
                )
            )
        return result

    def _prm_assign_partner(self, partner, reason):
        """Give the lead to ``partner`` and log the assignment on the lead."""
        self.ensure_one()
        if not partner:
            raise UserError(self.env._("Choose a channel partner to assign."))
        if partner in self.prm_declined_partner_ids:
            raise UserError(
                self.env._(
                    "%(partner)s declined this lead; it cannot be offered again.",
                    partner=partner.display_name,
                )
            )
        self.check_access("read")
        now = fields.Datetime.now()
        # Routing is a PRM task: PRM users may route leads of other salespeople.
        self.sudo().write(
            {
                "prm_partner_id": partner.id,
                "prm_routing_reason": reason,
                "prm_routed_on": now,
            }
        )
        partner.sudo().write({"prm_last_routed": now})
        self.sudo().message_post(
            author_id=self.env.user.partner_id.id,
            body=self.env._(
                "Lead assigned to channel partner %(partner)s: %(reason)s",
                partner=partner.display_name,
                reason=reason or "-",
            ),
        )
        return True

    def _prm_route_automatically(self):
        """Route each lead to its best candidate; candidates are read once per
        company and their load is updated as the batch is assigned."""
        routed = self.browse()
        for _company, leads in self.grouped("company_id").items():
            data = leads[:1]._prm_routing_data()
            by_id = {values["id"]: values for values in data["partner_values"]}
            for lead in leads:
                candidates = lead._prm_route_candidates(routing_data=data)
                if not candidates:
                    continue
                partner, _score, reason = candidates[0]
                lead._prm_assign_partner(partner, reason)
                by_id[partner.id]["open_leads"] += 1
                by_id[partner.id]["last_assigned"] = partner.prm_last_routed
                routed |= lead
        return routed

    def action_prm_decline(self):
        """The current channel partner declines the lead: free it for routing."""
        access.require(self.env, access.USER)
        for lead in self.filtered("prm_partner_id"):
            partner = lead.prm_partner_id
            lead.write(
                {
                    "prm_declined_partner_ids": [fields.Command.link(partner.id)],
                    "prm_partner_id": False,
                }
            )
            lead.message_post(
                body=self.env._(
                    "Channel partner %(partner)s declined the lead.",
                    partner=partner.display_name,
                )
            )

    def action_prm_open_routing_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Route to a Channel Partner"),
            "res_model": "prm.lead.routing.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def _merge_get_fields(self):
        return super()._merge_get_fields() + ["prm_partner_id"]

    def _merge_get_fields_specific(self):
        result = super()._merge_get_fields_specific()
        result["prm_declined_partner_ids"] = lambda fname, leads: leads.mapped(fname)
        return result

    def _prepare_opportunity_quotation_context(self):
        context = super()._prepare_opportunity_quotation_context()
        if self.prm_partner_id:
            context["default_prm_partner_id"] = self.prm_partner_id.id
        return context
