# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sliding-window rate limiting for public forms."""

import ipaddress
from datetime import timedelta

#: Window of the application limits (one hour).
APPLY_WINDOW_SECONDS = 3600
#: Applications accepted per network and window when the setting is unusable.
DEFAULT_APPLY_LIMIT = 3
#: Applications accepted from everybody per window when the setting is unusable.
DEFAULT_APPLY_GLOBAL_LIMIT = 30
#: IPv6 networks are counted as one: a subscriber usually holds a whole /64.
IPV6_BUCKET_PREFIX = 64

#: Which limit refused an attempt (see :func:`application_wait`).
NETWORK = "network"
GLOBAL = "global"


def is_allowed(previous, now, max_attempts, window_seconds):
    """Whether one more attempt at ``now`` stays within ``max_attempts`` in the
    last ``window_seconds``, given the datetimes of ``previous`` attempts."""
    if max_attempts <= 0:
        return False
    start = now - timedelta(seconds=window_seconds)
    recent = sum(1 for moment in previous if start < moment <= now)
    return recent < max_attempts


def retry_after(previous, now, max_attempts, window_seconds):
    """Seconds until the next attempt is allowed (0 when allowed now)."""
    if is_allowed(previous, now, max_attempts, window_seconds):
        return 0
    start = now - timedelta(seconds=window_seconds)
    recent = sorted(m for m in previous if start < m <= now)
    if max_attempts <= 0 or not recent:
        # nothing leaves the window that would let an attempt in
        return window_seconds
    # the oldest attempts must leave the window first
    freeing = recent[len(recent) - max_attempts]
    return max(1, int((freeing - start).total_seconds()) + 1)


def application_wait(network_dates, all_dates, now, limit, global_limit):
    """``(seconds, scope)`` before one more application may come in: from the
    network that sent ``network_dates`` (``limit`` an hour) and from everybody
    (``all_dates``, ``global_limit`` an hour). ``(0, None)`` when allowed now;
    otherwise the scope is the limit that holds it back longest."""
    window = APPLY_WINDOW_SECONDS
    waits = (
        (retry_after(network_dates, now, limit, window), NETWORK),
        (retry_after(all_dates, now, global_limit, window), GLOBAL),
    )
    seconds, scope = max(waits, key=lambda wait: wait[0])
    return (seconds, scope) if seconds else (0, None)


def parse_limit(value, default):
    """A limit setting as a whole number of at least 1; ``default`` for any
    other value (empty, not a whole number, zero or negative)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return number if number >= 1 else default


def ip_bucket(address):
    """The network an address is counted in: an IPv4 address on its own, an
    IPv6 address as its /64 network (``2001:db8:1:2::/64``), an IPv4-mapped
    IPv6 address as the IPv4 address. Anything else is counted as given."""
    text = (address or "").strip()
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return text[:64]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        network = ipaddress.IPv6Network((int(ip), IPV6_BUCKET_PREFIX), strict=False)
        return str(network)
    return str(ip)
