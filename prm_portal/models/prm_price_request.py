# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Special price requests (SPA): a partner asks, for one end customer of an
approved deal registration or of its opportunity, an extra discount on some
products; a PRM manager approves it until an expiry date, within the policy
ceiling (effective discount + commission rate), or rejects it.

An approved request becomes rules of the partner's own pricelist (see
``res_partner_special_price.py``): one rule per product, dated from the
start to the expiry date, applied by Odoo's pricelist engine when the
partner orders, in the shop or in the backend.
"""

from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.prm_partner.access import MANAGER, USER, require

from ..logic import special_prices


class PrmPriceRequest(models.Model):
    _name = "prm.price.request"
    _description = "Special Price Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "prm.partner.company.mixin",
        "prm.reference.mixin",
        "prm.approval.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _prm_frozen_fields = frozenset(
        {"partner_id", "product_ids", "discount", "date_start", "date_end"}
    )
    _prm_deletable_states = ("draft", "rejected")
    _prm_decision_template = "prm_portal.mail_template_prm_price_request_decision"

    partner_id = fields.Many2one(
        domain="[('prm_is_partner', '=', True), ('is_company', '=', True)]",
        check_company=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    registration_id = fields.Many2one(
        "prm.deal.registration",
        string="Deal Registration",
        index="btree_not_null",
        tracking=True,
        domain="[('partner_id', '=', partner_id), ('state', '=', 'approved')]",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index="btree_not_null",
        tracking=True,
        domain="[('prm_partner_id', '=', partner_id)]",
    )
    customer_name = fields.Char(
        string="End Customer",
        compute="_compute_customer_name",
        store=True,
        readonly=False,
        precompute=True,
    )
    product_ids = fields.Many2many(
        "product.template",
        string="Products",
        required=True,
        domain="[('sale_ok', '=', True)]",
    )
    discount = fields.Float(
        string="Extra Discount (%)",
        digits=(5, 2),
        required=True,
        tracking=True,
        help="Discount on top of the partner's tier price.",
    )
    reason = fields.Text(string="Justification")
    date_start = fields.Date(
        string="Valid From", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="Expiry Date", tracking=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("expired", "Expired"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )
    pricelist_item_ids = fields.One2many(
        "product.pricelist.item", "prm_price_request_id", string="Pricelist Rules"
    )
    tier_discount = fields.Float(
        string="Tier Discount (%)",
        compute="_compute_policy",
        help="Highest discount of the partner's tier price off the public "
        "price among the products.",
    )
    effective_discount = fields.Float(
        string="Effective Discount (%)",
        compute="_compute_policy",
        help="Highest discount off the public price the partner gets with this "
        "request, tier discount included.",
    )
    commission_rate = fields.Float(
        string="Commission Rate (%)",
        compute="_compute_policy",
        help="Highest percentage the partner's commission plan pays it.",
    )
    ceiling = fields.Float(
        string="Ceiling (%)", related="company_id.prm_price_ceiling", readonly=True
    )
    ceiling_excess = fields.Float(
        string="Over the Ceiling (points)",
        compute="_compute_policy",
        help="Points by which effective discount plus commission rate exceed "
        "the company's ceiling.",
    )

    _sql_constraints = [
        (
            "discount_range",
            "CHECK(discount > 0 AND discount < 100)",
            "The discount must be more than 0% and less than 100%.",
        ),
    ]

    @api.depends("registration_id.customer_name", "lead_id.partner_name")
    def _compute_customer_name(self):
        for request in self:
            if request.registration_id:
                request.customer_name = request.registration_id.customer_name
            elif request.lead_id:
                request.customer_name = (
                    request.lead_id.partner_name or request.lead_id.name
                )

    @api.depends(
        "partner_id", "product_ids", "discount", "company_id.prm_price_ceiling"
    )
    def _compute_policy(self):
        for request in self:
            partner = request.partner_id.commercial_partner_id.sudo()
            if not partner:
                request.tier_discount = request.commission_rate = 0.0
                request.effective_discount = request.ceiling_excess = 0.0
                continue
            tier = request._prm_tier_discount()
            rate = partner._prm_commission_rate(request.company_id)
            effective = special_prices.effective_discount(tier, request.discount)
            request.tier_discount = tier
            request.commission_rate = rate
            request.effective_discount = effective
            request.ceiling_excess = special_prices.ceiling_excess(
                effective, rate, request.company_id.prm_price_ceiling
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/price-requests/{request.id}"
        return result

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for request in self:
            if request.date_end and request.date_end < request.date_start:
                raise ValidationError(
                    self.env._("A special price cannot expire before it starts.")
                )

    @api.constrains("partner_id", "registration_id", "lead_id")
    def _check_origin(self):
        for request in self:
            partner = request.partner_id.commercial_partner_id
            if not request.registration_id and not request.lead_id:
                raise ValidationError(
                    self.env._(
                        "A special price request comes from a deal registration "
                        "or an opportunity."
                    )
                )
            registration = request.registration_id.sudo()
            if registration and registration.partner_id != partner:
                raise ValidationError(
                    self.env._("The deal registration is not the partner's.")
                )
            lead = request.lead_id.sudo()
            if lead and lead.prm_partner_id.commercial_partner_id != partner:
                raise ValidationError(
                    self.env._("The opportunity is not the partner's.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._prm_assign_references(vals_list)
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions (submit and reject: prm.approval.mixin)
    # ------------------------------------------------------------------
    def _prm_review_summary(self):
        return self.env._("Review special price request")

    def action_approve(self):
        require(self.env, MANAGER)
        self._prm_require_state(
            ("submitted",), self.env._("Only submitted requests can be approved.")
        )
        today = fields.Date.context_today(self)
        for request in self:
            if not request.date_end or request.date_end < today:
                raise UserError(
                    self.env._(
                        "Set an expiry date, today or later, before approving "
                        "%(name)s.",
                        name=request.name,
                    )
                )
            if request.ceiling_excess:
                raise UserError(
                    self.env._(
                        "%(name)s exceeds the ceiling: effective discount "
                        "%(discount)s%% plus commission rate %(rate)s%% is over "
                        "%(ceiling)s%%.",
                        name=request.name,
                        discount=request.effective_discount,
                        rate=request.commission_rate,
                        ceiling=request.ceiling,
                    )
                )
        self.write(self._prm_decision_vals("approved"))
        self.sudo()._prm_create_rules()
        self._prm_decision_done()
        return True

    def action_reset_draft(self):
        require(self.env, USER)
        self.check_access("write")
        if self.filtered(lambda r: r.state != "rejected"):
            raise UserError(self.env._("Only rejected requests go back to draft."))
        self.sudo().write({"state": "draft", "reject_reason": False})
        return True

    # ------------------------------------------------------------------
    # Pricelist rules
    # ------------------------------------------------------------------
    def _prm_tier_discount(self):
        """Highest discount of the tier price off the public price among the
        request's products (0 without tier pricelist)."""
        self.ensure_one()
        pricelist = (
            self.partner_id.commercial_partner_id.sudo().prm_tier_id.pricelist_id
        )
        if not pricelist or not self.product_ids:
            return 0.0
        prices = pricelist._get_products_price(self.product_ids, 1.0)
        return max(
            special_prices.discount_percent(product.list_price, prices[product.id])
            for product in self.product_ids
        )

    def _prm_create_rules(self):
        """One rule per product in the partner's pricelist, from the start of
        ``date_start`` to the end of ``date_end``, ``discount`` off the tier
        price (the partner's pricelist is based on the tier pricelist)."""
        partners = self.partner_id.commercial_partner_id
        pricelists = partners._prm_special_pricelist()
        vals_list = []
        for request in self:
            pricelist = pricelists[request.partner_id.commercial_partner_id.id]
            tier_pricelist = pricelist._prm_tier_base()
            for product in request.product_ids:
                vals_list.append(
                    {
                        "pricelist_id": pricelist.id,
                        "prm_price_request_id": request.id,
                        "applied_on": "1_product",
                        "product_tmpl_id": product.id,
                        "compute_price": "formula",
                        "base": "pricelist" if tier_pricelist else "list_price",
                        "base_pricelist_id": tier_pricelist.id,
                        "price_discount": request.discount,
                        "date_start": datetime.combine(request.date_start, time.min),
                        "date_end": datetime.combine(request.date_end, time.max),
                    }
                )
        return self.env["product.pricelist.item"].sudo().create(vals_list)

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_expire(self, today=None):
        """Approved requests past their expiry date expire: their rules go
        (their dates already stopped them applying) and the partner is told.
        By chunks (setting ``prm_portal.price_request_expire.chunk_size``); an
        expired request leaves the domain. Returns the requests expired."""
        today = today or fields.Date.context_today(self)
        done = []

        def process(requests, started):
            requests.pricelist_item_ids.unlink()
            requests.write({"state": "expired"})
            template = self.env.ref(
                "prm_portal.mail_template_prm_price_request_expired",
                raise_if_not_found=False,
            )
            if template:
                template.send_mail_batch(requests.ids)
            done.append(requests)
            return len(requests)

        self.env["prm.batch.runner"]._prm_batch_run(
            "prm_portal.price_request_expire",
            self.sudo(),
            [("state", "=", "approved"), ("date_end", "<", today)],
            process,
        )
        return self.sudo().browse([r.id for chunk in done for r in chunk])
