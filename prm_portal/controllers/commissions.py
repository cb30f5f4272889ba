# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, http
from odoo.http import request

from .common import PrmPortalSection

# Lines the partner sees outside its statements: not in one yet, or in a
# statement in preparation (draft, not visible to the partner before approval)
OPEN_LINE_DOMAIN = [
    "|",
    ("settlement_id", "=", False),
    ("settlement_id.state", "=", "draft"),
]
LINES_SHOWN = 100


class PrmCommissionPortal(PrmPortalSection):
    def _prm_commission_access(self):
        Settlement = request.env.get("prm.commission.settlement")
        Line = request.env.get("prm.commission.line")
        return (
            Settlement is not None
            and Line is not None
            and Settlement.has_access("read")
            and Line.has_access("read")
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "prm_commission_count" in counters:
            # statements and commission lines: a partner with commissions
            # due but no statement yet still finds the page
            values["prm_commission_count"] = (
                self._prm_own_count("prm.commission.line")
                if self._prm_commission_access()
                else 0
            )
        return values

    @http.route(["/my/commissions"], type="http", auth="user", website=True)
    def prm_portal_my_commissions(self, **kw):
        if not self._prm_commission_access():
            return request.redirect("/my")
        env = request.env
        partner = env.user.commercial_partner_id
        today = fields.Date.context_today(env.user)
        settlements = env["prm.commission.settlement"].search(
            [("partner_id", "=", partner.id)], order="date_to desc, id desc", limit=50
        )
        # as superuser: the partner may not read its draft statements, so
        # the domain repeats what the portal rule of the lines lets it see
        Line = env["prm.commission.line"].sudo()
        line_domain = [
            ("partner_id", "=", partner.id),
            ("state", "not in", ("draft", "cancelled")),
            *OPEN_LINE_DOMAIN,
        ]
        lines = Line.search(line_domain, order="date desc, id desc", limit=LINES_SHOWN)
        line_count = Line.search_count(line_domain)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_commission",
                "settlements": settlements.sudo(),
                "lines": lines,
                "lines_note": env._(
                    "The %(shown)s latest of %(total)s lines; the totals above "
                    "count them all.",
                    shown=len(lines),
                    total=line_count,
                )
                if line_count > len(lines)
                else "",
                "figures": partner.sudo()._prm_portal_commission_figures(today),
                "this_year": today.year,
            }
        )
        return request.render("prm_portal.portal_my_commissions", values)

    @http.route(
        ["/my/commissions/settlement/<int:settlement_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def prm_portal_settlement_report(
        self, settlement_id, report_type="pdf", download=False, **kw
    ):
        return self._prm_report(
            self._prm_check_access("prm.commission.settlement", settlement_id),
            "prm_commission.action_report_commission_statement",
            report_type,
            download,
        )
