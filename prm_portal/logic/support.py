# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner support: the response deadline of a ticket (SLA of the partner's
tier), how much of an order line may still be returned, and which library
articles may answer a question."""

import re
import unicodedata
from datetime import timedelta

#: SLA states of a ticket, in the order a partner reads them
SLA_STATES = ("none", "waiting", "late", "met", "missed")

#: longest subject and description a partner may send
MAX_SUBJECT = 200
MAX_DESCRIPTION = 20_000
MAX_REASON = 2_000


def response_deadline(created, hours):
    """When the first answer is due: ``hours`` after ``created``; ``None``
    without a creation time or a response time (no SLA)."""
    if not created or not hours or hours <= 0:
        return None
    return created + timedelta(hours=hours)


def sla_status(deadline, responded, now):
    """``none`` without a deadline (``None`` or Odoo's ``False``); before the
    first answer ``waiting`` or ``late`` (deadline passed); after it ``met``
    or ``missed``."""
    if not deadline:
        return "none"
    if responded:
        return "met" if responded <= deadline else "missed"
    return "waiting" if now <= deadline else "late"


def response_hours(created, responded):
    """Hours from ``created`` to the first answer, ``0.0`` before it."""
    if not created or not responded:
        return 0.0
    return max((responded - created).total_seconds() / 3600.0, 0.0)


def returnable(delivered, requested_before):
    """What may still be returned of an order line: delivered minus what
    open or approved return requests already ask back, never negative."""
    return max((delivered or 0.0) - (requested_before or 0.0), 0.0)


def check_return_quantities(wanted, delivered, requested_before):
    """Errors of the quantities a partner asks back, by order line id:
    ``negative``, ``too_large`` (more than is still returnable); an empty
    request (nothing above zero) is the error ``empty`` under key ``None``.

    ``wanted``, ``delivered`` and ``requested_before`` map line ids to
    quantities."""
    errors = {}
    for line_id, quantity in wanted.items():
        if quantity < 0:
            errors[line_id] = "negative"
        elif quantity > returnable(
            delivered.get(line_id), requested_before.get(line_id)
        ):
            errors[line_id] = "too_large"
    if not errors and not any(q > 0 for q in wanted.values()):
        errors[None] = "empty"
    return errors


_WORD = re.compile(r"\w+", re.UNICODE)
#: words too common to say what a question is about (English, Vietnamese)
_STOP = frozenset(
    "the a an and or of to in on for with is are be it this that how what why "
    "when can cannot not my our we i you do does from at by as please help "
    "va cua la co khong cho voi trong mot cac nhung duoc toi chung".split()
)


def keywords(text, limit=8):
    """The distinct words of ``text`` that say what it is about: folded to
    lower case without accents, three letters or more, no common words;
    the first ``limit`` of them in their order of appearance."""
    folded = unicodedata.normalize("NFKD", text or "")
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("đ", "d").replace("Đ", "D").lower()
    found = []
    for word in _WORD.findall(folded):
        if len(word) >= 3 and word not in _STOP and word not in found:
            found.append(word)
            if len(found) >= limit:
                break
    return found


def rank_articles(words, articles, limit=5):
    """The keys of the ``articles`` best matching ``words``: ``articles`` is
    a list of (key, title, body); a word in the title counts three times,
    one in the body once; ties keep their given order; no match, no
    article."""
    scored = []
    for position, (key, title, body) in enumerate(articles):
        title_words = set(keywords(title, limit=50))
        body_words = set(keywords(body, limit=200))
        score = sum(3 * (w in title_words) + (w in body_words) for w in words)
        if score:
            scored.append((-score, position, key))
    scored.sort()
    return [key for _score, _position, key in scored[:limit]]
