# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo import Command

from .common import CommissionCase


class FundCase(CommissionCase):
    """A budget of 10,000 at 50% participation, open to every partner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expense_account = cls.env["account.account"].search(
            [
                ("account_type", "=", "expense"),
                ("company_ids", "in", cls.company.ids),
            ],
            limit=1,
        )
        cls.budget = cls.env["prm.fund.budget"].create(
            {
                "name": "Co-op 2026",
                "date_from": datetime.date(2026, 1, 1),
                "date_to": datetime.date(2026, 12, 31),
                "amount": 10_000.0,
                "participation_rate": 50.0,
                "claim_deadline_days": 30,
                "expense_account_id": cls.expense_account.id,
            }
        )
        cls.partner_gold.prm_stage = "active"
        cls.portal_gold = cls._prm_portal_user(
            cls.partner_gold, login="prm_fund_portal_gold", name="Gold Contact"
        )
        cls.contact_gold = cls.portal_gold.partner_id

    @classmethod
    def _request(cls, partner=None, amount=1000.0, user=None, **values):
        vals = {
            "partner_id": (partner or cls.partner_gold).id,
            "budget_id": cls.budget.id,
            "activity_type": "event",
            "description": "Launch seminar",
            "date_start": datetime.date(2026, 3, 1),
            "date_end": datetime.date(2026, 3, 2),
            "requested_amount": amount,
        }
        vals.update(values)
        Request = cls.env["prm.fund.request"]
        if user:
            Request = Request.with_user(user)
        return Request.create(vals)

    @classmethod
    def _approved(cls, amount=1000.0, approved=None, **values):
        request = cls._request(amount=amount, **values)
        request._prm_submit()
        if approved:
            request.with_user(cls.manager).approved_amount = approved
        request.with_user(cls.manager).action_approve()
        return request

    @classmethod
    def _claim(cls, request, amounts=(600.0,), user=None, **values):
        attachment = cls.env["ir.attachment"].create(
            {
                "name": "photo.png",
                "datas": base64.b64encode(b"\x89PNG proof"),
            }
        )
        vals = {
            "request_id": request.id,
            "line_ids": [
                Command.create(
                    {
                        "description": f"Expense {i}",
                        "amount": amount,
                        "invoice_date": datetime.date(2026, 3, 2),
                    }
                )
                for i, amount in enumerate(amounts)
            ],
            "attachment_ids": [Command.set(attachment.ids)],
            "revenue": 6000.0,
            "leads": 12,
        }
        vals.update(values)
        Claim = cls.env["prm.fund.claim"]
        if user:
            Claim = Claim.with_user(user)
        return Claim.create(vals)
