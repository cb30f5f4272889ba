# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .prm_commission_line import PAID_PAYMENT_STATES

LIVE_STATES = ("draft", "approved", "invoiced", "paid")

# Fields only the approval workflow (managers) may set.
PROTECTED_FIELDS = frozenset({"state", "invoice_id", "approved_by_id", "approved_on"})


class PrmCommissionSettlement(models.Model):
    _name = "prm.commission.settlement"
    _description = "Commission Settlement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "prm.reference.mixin",
        "prm.vendor.bill.mixin",
    ]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    # numbered like the other PRM documents; keeps its own label, not the
    # mixin's "Reference"
    name = fields.Char(string="Name")  # pylint: disable=attribute-string-redundant
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True
    )
    currency_id = fields.Many2one("res.currency", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    line_ids = fields.One2many(
        "prm.commission.line", "settlement_id", string="Commission Lines"
    )
    line_count = fields.Integer(compute="_compute_line_count")
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("invoiced", "Invoiced"),
            ("paid", "Paid"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)

    def _prm_line_totals(self):
        groups = (
            self.env["prm.commission.line"]
            .sudo()
            ._read_group(
                [("settlement_id", "in", self.ids)],
                ["settlement_id"],
                ["amount:sum", "__count"],
            )
        )
        return {settlement.id: (total, count) for settlement, total, count in groups}

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        totals = self._prm_line_totals()
        for settlement in self:
            settlement.amount_total = totals.get(settlement.id, (0.0, 0))[0]

    def _compute_line_count(self):
        totals = self._prm_line_totals()
        for settlement in self:
            settlement.line_count = totals.get(settlement.id, (0.0, 0))[1]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for settlement in self:
            if settlement.date_from > settlement.date_to:
                raise ValidationError(
                    self.env._("A settlement period cannot end before it starts.")
                )

    @api.constrains("line_ids", "currency_id", "company_id", "partner_id")
    def _check_lines(self):
        self.line_ids._check_settlement_match()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("state", "draft") != "draft"
            or any(vals.get(name) for name in PROTECTED_FIELDS - {"state"})
            for vals in vals_list
        ):
            # only the approval workflow moves a settlement past draft
            self._prm_check_manager()
        self._prm_assign_references(vals_list)
        settlements = super().create(vals_list)
        settlements.sudo().line_ids.with_context(prm_commission_settling=True).write(
            {"state": "settled"}
        )
        return settlements

    def write(self, vals):
        if PROTECTED_FIELDS.intersection(vals) and not self.env.su:
            cancel_drafts = set(vals) == {"state"} and vals["state"] == "cancelled"
            if not (cancel_drafts and all(s.state == "draft" for s in self)):
                self._prm_check_manager()
        result = super().write(vals)
        if "line_ids" in vals:
            live = self.filtered(lambda s: s.state != "cancelled")
            live.sudo().line_ids.filtered(
                lambda line: line.state == "confirmed"
            ).with_context(prm_commission_settling=True).write({"state": "settled"})
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_or_cancelled(self):
        if self.filtered(lambda s: s.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._("Only draft or cancelled settlements can be deleted.")
            )

    def unlink(self):
        self._prm_free_lines()
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _prm_check_manager(self):
        if not self.env.user.has_group("prm_partner.group_prm_manager"):
            raise AccessError(
                self.env._("Only PRM managers can approve or pay commissions.")
            )

    def action_approve(self):
        self._prm_check_manager()
        if self.filtered(lambda s: s.state != "draft"):
            raise UserError(self.env._("Only draft settlements can be approved."))
        self.write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_on": fields.Datetime.now(),
            }
        )
        return True

    def action_reset_draft(self):
        self._prm_check_manager()
        if self.filtered(lambda s: s.state != "approved"):
            raise UserError(
                self.env._("Only approved settlements can go back to draft.")
            )
        self.write({"state": "draft", "approved_by_id": False, "approved_on": False})
        return True

    def action_cancel(self):
        posted = self.filtered(
            lambda s: s.invoice_id and s.invoice_id.state == "posted"
        )
        if posted:
            raise UserError(
                self.env._(
                    "Settlement %(settlement)s has a posted vendor bill; reset or "
                    "reverse the bill first.",
                    settlement=posted[0].display_name,
                )
            )
        if self.filtered(lambda s: s.state in ("approved", "invoiced")):
            self._prm_check_manager()
        drafts = self.invoice_id.filtered(lambda move: move.state == "draft")
        if drafts:
            drafts.sudo().button_cancel()
        self._prm_free_lines()
        self.write({"state": "cancelled"})
        return True

    def _prm_free_lines(self):
        lines = self.sudo().line_ids
        if lines:
            lines.with_context(prm_commission_settling=True).write(
                {"settlement_id": False, "state": "confirmed"}
            )

    def action_create_bills(self):
        self._prm_check_manager()
        if self.filtered(lambda s: s.state != "approved"):
            raise UserError(
                self.env._("Vendor bills are created for approved settlements only.")
            )
        moves = self.env["account.move"]
        for settlement in self:
            moves |= settlement._prm_create_bill()
        return self._prm_bills_action(moves)

    def _prm_create_bill(self):
        self.ensure_one()
        company = self.company_id
        product = company.prm_commission_product_id
        if not product:
            raise UserError(
                self.env._(
                    "Set a commission expense product in the settings of %(company)s "
                    "before creating vendor bills.",
                    company=company.name,
                )
            )
        move_type = "in_invoice" if self.amount_total >= 0 else "in_refund"
        label = self.env._(
            "Commissions %(name)s (%(date_from)s - %(date_to)s)",
            name=self.name,
            date_from=format_date(self.env, self.date_from),
            date_to=format_date(self.env, self.date_to),
        )
        bill = self._prm_create_vendor_bill(
            move_type,
            {
                "product_id": product.id,
                "name": label,
                "price_unit": abs(self.amount_total),
            },
        )
        self.write({"invoice_id": bill.id, "state": "invoiced"})
        self._prm_post_bill_created(bill)
        return bill

    def _prm_bills_action(self, moves):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        if len(moves) == 1:
            action.update(
                {"views": [(False, "form")], "res_id": moves.id, "view_mode": "form"}
            )
        else:
            action["domain"] = [("id", "in", moves.ids)]
        return action

    def action_view_bill(self):
        self.ensure_one()
        return self._prm_bills_action(self.invoice_id)

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_commission_line_action"
        )
        action["domain"] = [("settlement_id", "=", self.id)]
        action["context"] = {}
        return action

    def _prm_sync_payment_state(self):
        """Paid when the vendor bill is paid, back to invoiced when it is not."""
        for settlement in self.sudo():
            paid = settlement.invoice_id.payment_state in PAID_PAYMENT_STATES
            if settlement.state == "invoiced" and paid:
                settlement.state = "paid"
            elif settlement.state == "paid" and not paid:
                settlement.state = "invoiced"
        claims = (
            self.env["prm.fund.claim"]
            .sudo()
            .search([("commission_line_id.settlement_id", "in", self.ids)])
        )
        if claims:
            claims._prm_sync_payment_state()
