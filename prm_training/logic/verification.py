"""Certificate verification codes and public verification answers.

Codes look like ``PRM-7KQ2-M9XD-4HTC``: 11 random characters from an
alphabet without look-alike characters (no 0/O, 1/I/L, U) plus one check
character, grouped by four. The check character catches typos before the
database is queried.
"""

import re
import secrets

from odoo.addons.prm_partner.logic import certifications as cert_rules

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "PRM"
RANDOM_LENGTH = 11
GROUP = 4

STATUS_VALID = "valid"
STATUS_EXPIRED = "expired"
STATUS_REVOKED = "revoked"
STATUS_UNKNOWN = "unknown"

_CODE_RE = re.compile(r"^%s-[%s]{4}-[%s]{4}-[%s]{4}$" % ((PREFIX,) + (ALPHABET,) * 3))


def _check_char(body):
    total = 0
    for position, char in enumerate(body, start=1):
        total += position * ALPHABET.index(char)
    return ALPHABET[total % len(ALPHABET)]


def _format(body):
    chars = body + _check_char(body)
    groups = [chars[i : i + GROUP] for i in range(0, len(chars), GROUP)]
    return "-".join([PREFIX] + groups)


def generate_code(randbelow=secrets.randbelow):
    """A new random code (``randbelow`` is injectable for reproducible tests)."""
    body = "".join(ALPHABET[randbelow(len(ALPHABET))] for _ in range(RANDOM_LENGTH))
    return _format(body)


def normalize(code):
    """Canonical form of a user-typed code, or "" when it cannot be one.

    Accepts lower case, spaces, missing dashes and a missing prefix.
    """
    if not code or not isinstance(code, str) or len(code) > 64:
        return ""
    raw = re.sub(r"[\s\-_.]", "", code.upper())
    if raw.startswith(PREFIX):
        raw = raw[len(PREFIX) :]
    if len(raw) != RANDOM_LENGTH + 1:
        return ""
    if any(char not in ALPHABET for char in raw):
        return ""
    return "-".join([PREFIX] + [raw[i : i + GROUP] for i in range(0, len(raw), GROUP)])


def is_well_formed(code):
    """Canonical format and a matching check character."""
    if not code or not _CODE_RE.match(code):
        return False
    chars = code[len(PREFIX) + 1 :].replace("-", "")
    return _check_char(chars[:-1]) == chars[-1]


def verification_status(found, state=None, expiry=None, today=None):
    """The only answer the public page gives about a code.

    ``found`` is False when no certification carries the code. ``state`` is
    the certification state (valid, expiring, expired, revoked). An expiry
    reached (the certification expires on its expiry date) wins over a
    stale stored state.
    """
    if not found:
        return STATUS_UNKNOWN
    if state == cert_rules.REVOKED:
        return STATUS_REVOKED
    if state == cert_rules.EXPIRED:
        return STATUS_EXPIRED
    if expiry is not None and today is not None and today >= expiry:
        return STATUS_EXPIRED
    if state is None or cert_rules.is_in_force(state):
        return STATUS_VALID
    return STATUS_UNKNOWN
