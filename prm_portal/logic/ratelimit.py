# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sliding-window rate limiting for public forms."""

from datetime import timedelta


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
    # the oldest attempts must leave the window first
    freeing = recent[len(recent) - max_attempts]
    return max(1, int((freeing - start).total_seconds()) + 1)
