# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Arithmetic of market development funds, without a database.

A budget holds an amount. Approved pre-approvals (fund requests) reserve
part of it; claims are paid against one approved request, the vendor paying
its participation rate of what the partner spent, never more than what the
request has left. Amounts never go negative.
"""

import datetime
from dataclasses import dataclass

ACTIVITY_TYPES = (
    "event",
    "digital_ad",
    "print",
    "trade_show",
    "training",
    "other",
)

#: Request states that hold money of the budget.
RESERVING_STATES = ("approved",)
#: Claim states that use money of their request.
USING_CLAIM_STATES = ("approved", "paid")


class FundError(ValueError):
    """A rule of the funds is broken; ``code`` says which, ``params`` how."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def _round(amount, digits=2):
    return round(float(amount or 0.0) + 0.0, digits)


@dataclass(frozen=True)
class BudgetFigures:
    amount: float
    allocated: float
    requested: float
    claimed: float
    paid: float

    @property
    def remaining(self):
        return max(_round(self.amount - self.requested), 0.0)


def available(remaining, allocation=None, partner_requested=0.0):
    """What one partner may still be granted: the budget's remaining amount,
    capped by what is left of its own allocation when the budget has one."""
    remaining = max(_round(remaining), 0.0)
    if allocation is None:
        return remaining
    return min(remaining, max(_round(allocation - partner_requested), 0.0))


def check_grant(amount, remaining, allocation=None, partner_requested=0.0):
    """Raise :class:`FundError` unless ``amount`` may be granted."""
    amount = _round(amount)
    if amount <= 0:
        raise FundError("not_positive")
    left = available(remaining, allocation, partner_requested)
    if amount > left:
        raise FundError("over_budget", amount=amount, remaining=left)
    return amount


def vendor_share(amount, rate, digits=2):
    """The participation rate (percent) of ``amount`` the vendor pays."""
    if not 0 <= rate <= 100:
        raise FundError("rate", rate=rate)
    return _round(max(_round(amount), 0.0) * rate / 100.0, digits)


def claim_payable(claimed, rate, approved, already_used, digits=2):
    """Vendor amount of a claim: its share of ``claimed``, capped at what the
    request (approved amount minus claims already approved) has left."""
    left = max(_round(approved - already_used, digits), 0.0)
    return min(vendor_share(claimed, rate, digits), left)


def claim_deadline(date_end, days):
    """Last day to claim an activity that ended on ``date_end``."""
    if not date_end:
        return None
    return date_end + datetime.timedelta(days=max(int(days or 0), 0))


def roi(revenue, paid):
    """Revenue reported per unit paid (0 when nothing was paid)."""
    paid = _round(paid)
    return _round(revenue) / paid if paid > 0 else 0.0
