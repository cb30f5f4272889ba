# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..logic import support

HELPDESK_USER = "helpdesk_mgmt.group_helpdesk_user"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    prm_tier_id = fields.Many2one(
        "prm.tier",
        string="Partner Tier",
        compute="_compute_prm_tier_id",
        store=True,
        index=True,
        help="Tier of the partner company when the ticket was opened: it sets "
        "the team and the response time.",
    )
    prm_response_hours_due = fields.Integer(
        string="Committed Response Time (hours)",
        compute="_compute_prm_tier_id",
        store=True,
    )
    prm_response_deadline = fields.Datetime(
        string="Response Due",
        compute="_compute_prm_response_deadline",
        store=True,
    )
    prm_first_response_date = fields.Datetime(
        string="First Response", readonly=True, copy=False
    )
    prm_response_hours = fields.Float(
        string="Response Time (hours)",
        help="Hours from the opening of the ticket to the first answer sent to "
        "the partner; 0 while unanswered (filter on Answered to average it).",
        compute="_compute_prm_response_hours",
        store=True,
        aggregator="avg",
    )
    prm_sla_status = fields.Selection(
        [
            ("none", "No commitment"),
            ("waiting", "Within response time"),
            ("late", "Response overdue"),
            ("met", "Answered in time"),
            ("missed", "Answered late"),
        ],
        string="SLA Status",
        compute="_compute_prm_sla_status",
    )
    prm_deal_registration_id = fields.Many2one(
        "prm.deal.registration", string="Deal Registration", index="btree_not_null"
    )
    prm_sale_order_id = fields.Many2one(
        "sale.order", string="Order", index="btree_not_null"
    )
    prm_product_id = fields.Many2one("product.product", string="Product")
    prm_return_state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        string="Return Status",
        copy=False,
        tracking=True,
    )
    prm_return_reason = fields.Text(string="Return Reason")
    prm_return_line_ids = fields.One2many(
        "prm.ticket.return.line", "ticket_id", string="Returned Products", copy=False
    )
    prm_return_picking_names = fields.Char(
        string="Return Transfers", readonly=True, copy=False
    )

    # not on the partner's tier: a ticket keeps the SLA promised when it
    # was opened, whatever the partner's tier becomes later
    @api.depends("commercial_partner_id")
    def _compute_prm_tier_id(self):
        for ticket in self:
            tier = ticket.commercial_partner_id.prm_tier_id
            ticket.prm_tier_id = tier
            ticket.prm_response_hours_due = tier.prm_support_response_hours

    @api.depends("create_date", "prm_response_hours_due")
    def _compute_prm_response_deadline(self):
        for ticket in self:
            ticket.prm_response_deadline = support.response_deadline(
                ticket.create_date, ticket.prm_response_hours_due
            )

    @api.depends("create_date", "prm_first_response_date")
    def _compute_prm_response_hours(self):
        for ticket in self:
            ticket.prm_response_hours = support.response_hours(
                ticket.create_date, ticket.prm_first_response_date
            )

    @api.depends("prm_response_deadline", "prm_first_response_date")
    def _compute_prm_sla_status(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.prm_sla_status = support.sla_status(
                ticket.prm_response_deadline, ticket.prm_first_response_date, now
            )

    @api.depends("user_id", "commercial_partner_id")
    def _compute_team_id(self):
        res = super()._compute_team_id()
        for ticket in self:
            team = ticket.commercial_partner_id.prm_tier_id.prm_support_team_id
            if team and not ticket.team_id:
                ticket.team_id = team
        return res

    @api.constrains(
        "prm_deal_registration_id", "prm_sale_order_id", "commercial_partner_id"
    )
    def _check_prm_links(self):
        for ticket in self.sudo():
            partner = ticket.commercial_partner_id
            registration = ticket.prm_deal_registration_id
            if registration and registration.partner_id != partner:
                raise ValidationError(
                    self.env._("The deal registration belongs to another partner.")
                )
            order = ticket.prm_sale_order_id
            if order and order.partner_id.commercial_partner_id != partner:
                raise ValidationError(
                    self.env._("The order belongs to another partner.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        # the tier of the partner now, not at the next flush
        tickets.flush_recordset(["prm_tier_id", "prm_response_hours_due"])
        return tickets

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        self._prm_note_first_response(message)
        return message

    def _prm_note_first_response(self, message):
        """The first answer an internal user sends the partner (not an
        internal note) stops the SLA clock."""
        if not message or message.message_type != "comment":
            return
        if message.subtype_id.internal or not message.author_id:
            return
        author_users = message.author_id.user_ids
        if not author_users or not any(u._is_internal() for u in author_users):
            return
        waiting = self.filtered(lambda t: not t.prm_first_response_date)
        if waiting:
            waiting.sudo().prm_first_response_date = (
                message.date or fields.Datetime.now()
            )

    # ------------------------------------------------------------------
    # Return requests
    # ------------------------------------------------------------------

    def _prm_check_return_reviewer(self):
        if not (self.env.su or self.env.user.has_group(HELPDESK_USER)):
            raise AccessError(
                self.env._("Only helpdesk users may approve or refuse returns.")
            )

    def action_prm_refuse_return(self):
        self._prm_check_return_reviewer()
        if any(t.prm_return_state != "requested" for t in self):
            raise UserError(self.env._("Only requested returns can be refused."))
        self.prm_return_state = "refused"

    def action_prm_approve_return(self):
        """Approve the return; with Inventory installed, create the return
        transfers through Odoo's own return wizard, from the delivered
        pickings of the order."""
        self._prm_check_return_reviewer()
        for ticket in self:
            if ticket.prm_return_state != "requested":
                raise UserError(self.env._("Only requested returns can be approved."))
            names = []
            if "stock.return.picking" in self.env:
                # the reviewer was checked; the transfers are Inventory's,
                # which a helpdesk user may not have rights on
                names = ticket.sudo()._prm_create_return_pickings()
            ticket.write(
                {
                    "prm_return_state": "approved",
                    "prm_return_picking_names": ", ".join(names) or False,
                }
            )
            if names:
                ticket.message_post(
                    body=self.env._(
                        "Return approved: transfer %(names)s created.",
                        names=", ".join(names),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def _prm_create_return_pickings(self):
        """Names of the return pickings created for the ticket's lines, the
        quantities spread over the done deliveries of each order line."""
        self.ensure_one()
        remaining = {}
        for line in self.prm_return_line_ids:
            remaining[line.sale_line_id] = (
                remaining.get(line.sale_line_id, 0.0) + line.quantity
            )
        moves = self.env["stock.move"].search(
            [
                ("sale_line_id", "in", [sl.id for sl in remaining]),
                ("state", "=", "done"),
                ("picking_id.picking_type_code", "=", "outgoing"),
            ],
            order="date, id",
        )
        names = []
        Wizard = self.env["stock.return.picking"]
        for picking in moves.picking_id:
            wizard = Wizard.with_context(
                active_id=picking.id, active_model="stock.picking"
            ).create({"picking_id": picking.id})
            any_quantity = False
            for return_line in wizard.product_return_moves:
                sale_line = return_line.move_id.sale_line_id
                quantity = min(
                    remaining.get(sale_line, 0.0), return_line.move_id.quantity
                )
                return_line.quantity = quantity
                if quantity > 0:
                    remaining[sale_line] -= quantity
                    any_quantity = True
            if any_quantity:
                names.append(wizard._create_return().name)
        if not names:
            raise UserError(
                self.env._("No delivered transfer of the order holds these products.")
            )
        return names
