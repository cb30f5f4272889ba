# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Special price requests: the partner's effective discount and the policy
ceiling (effective discount plus commission rate), all in percent."""


def discount_percent(public_price, price):
    """Discount of ``price`` off ``public_price``, in percent (0 when the
    public price is zero or the price is higher)."""
    if not public_price or public_price <= 0 or price >= public_price:
        return 0.0
    return round((public_price - price) / public_price * 100, 2)


def effective_discount(tier_discount, extra_discount):
    """Discount off the public price of a special price granted as
    ``extra_discount`` on top of the tier price (``tier_discount`` off the
    public price): 20% off a 10% tier price is 28% off the public price."""
    remaining = (1 - tier_discount / 100) * (1 - extra_discount / 100)
    return round((1 - remaining) * 100, 2)


def ceiling_excess(discount, commission_rate, ceiling):
    """By how many points ``discount + commission_rate`` exceeds ``ceiling``
    (0 when within it, or when no ceiling is set: ``ceiling`` 0)."""
    if not ceiling:
        return 0.0
    return max(round(discount + commission_rate - ceiling, 2), 0.0)
