# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rate limits of the public application form: network buckets, settings,
per-network and global limits."""

from datetime import datetime, timedelta

import pytest
from conftest import load_logic

ratelimit = load_logic("prm_portal").ratelimit
NOW = datetime(2026, 6, 1, 12, 0, 0)


@pytest.mark.parametrize(
    "address, bucket",
    [
        ("203.0.113.7", "203.0.113.7"),
        ("203.0.113.8", "203.0.113.8"),
        (" 198.51.100.1 ", "198.51.100.1"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:aaaa::9", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("fe80::1%eth0", "fe80::/64"),
        ("::1", "::/64"),
        ("", ""),
        (None, ""),
        ("not an address", "not an address"),
        ("x" * 100, "x" * 64),
    ],
)
def test_ip_bucket(address, bucket):
    assert ratelimit.ip_bucket(address) == bucket


def test_ipv6_rotation_inside_a_64_is_one_bucket():
    addresses = [f"2001:db8:aa:bb:{i:x}::{i:x}" for i in range(1, 200, 7)]
    assert {ratelimit.ip_bucket(a) for a in addresses} == {"2001:db8:aa:bb::/64"}


@pytest.mark.parametrize(
    "value, expected",
    [
        ("5", 5),
        (" 12 ", 12),
        (7, 7),
        ("abc", 3),
        ("2.5", 3),
        ("", 3),
        (None, 3),
        (False, 3),
        ("0", 3),
        ("-4", 3),
    ],
)
def test_parse_limit_falls_back_to_default(value, expected):
    assert ratelimit.parse_limit(value, 3) == expected


def test_retry_after_without_attempts_in_window():
    # a limit of zero lets nothing in: the whole window, never an error
    assert ratelimit.retry_after([], NOW, 0, 3600) == 3600


def test_application_wait_network_then_global():
    minutes = [NOW - timedelta(minutes=m) for m in (50, 40, 30)]
    # 3 from this network in the hour, limit 3: the 50-minute-old one frees it
    assert ratelimit.application_wait(minutes, minutes, NOW, 3, 30) == (
        10 * 60 + 1,
        ratelimit.NETWORK,
    )
    assert ratelimit.application_wait(minutes, minutes, NOW, 4, 30) == (0, None)
    # everybody together reached the global cap
    others = [NOW - timedelta(minutes=m) for m in range(1, 31)]
    seconds, scope = ratelimit.application_wait([], others, NOW, 3, 30)
    assert scope == ratelimit.GLOBAL
    assert seconds == 30 * 60 + 1
    # both limits reached: the longer wait wins
    seconds, scope = ratelimit.application_wait(minutes, others + minutes, NOW, 3, 30)
    assert (seconds, scope) == (30 * 60 + 1, ratelimit.GLOBAL)
