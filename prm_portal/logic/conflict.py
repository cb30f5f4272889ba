# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel-conflict matching between an end customer being registered and
existing customers, leads and registrations.

A customer is described by its normalised keys (:class:`CustomerKeys`).
Two customers match on a criterion when both carry the same non-empty key.
Criteria rank tax id > e-mail domain > phone > company name; the score of a
match is the weight of its strongest criterion plus a bonus for every
further criterion that agrees, capped at 100.
"""

import itertools
from dataclasses import dataclass, field

from . import identifiers, normalize

TAX_ID = "tax_id"
EMAIL_DOMAIN = "email_domain"
PHONE = "phone"
NAME = "name"
#: Similar distinctive names (trigram similarity in the database): a
#: warning for the reviewer, never a claim on the customer.
FUZZY_NAME = "fuzzy_name"

#: Criteria of exact keys, strongest first.
CRITERIA = (TAX_ID, EMAIL_DOMAIN, PHONE, NAME)

WEIGHTS = {TAX_ID: 100, EMAIL_DOMAIN: 70, PHONE: 60, NAME: 50, FUZZY_NAME: 40}

#: Default trigram similarity from which two distinctive names are similar.
DEFAULT_NAME_SIMILARITY = 0.6

#: Lowest similarity threshold of the trigram index lookup (pg_trgm's
#: default): below it the lookup would return most names of the table.
TRIGRAM_LOOKUP_MIN = 0.3

#: Bonus per additional agreeing criterion.
EXTRA_CRITERION_BONUS = 10

HIGH = "high"
MEDIUM = "medium"
LOW = "low"


@dataclass(frozen=True)
class CustomerKeys:
    """Normalised identity of an end customer; ``None`` means unknown."""

    tax_id: str = None
    email_domain: str = None
    phone: str = None
    name: str = None
    #: distinctive name (see ``normalize.fuzzy_name_key``), not an exact key
    fuzzy_name: str = field(default=None, compare=False)

    def get(self, criterion):
        return getattr(self, criterion)

    def is_empty(self):
        return not any(self.get(c) for c in CRITERIA)

    def as_dict(self):
        return {c: self.get(c) for c in CRITERIA}


def compute_keys(
    name=None,
    tax_id=None,
    email=None,
    phone=None,
    country_code="VN",
    website=None,
    term_forms=(),
):
    """Build :class:`CustomerKeys` from raw form or record values.

    The e-mail domain falls back on the website's domain; free-mail
    domains are never keys.  ``term_forms`` (``normalize.trade_term_forms``)
    are the trade words left out of the distinctive name.
    """
    return CustomerKeys(
        tax_id=identifiers.normalize_tax_id(tax_id),
        email_domain=(
            identifiers.email_domain(email) or identifiers.website_domain(website)
        ),
        phone=identifiers.normalize_phone(phone, country_code=country_code),
        name=normalize.company_name_key(name),
        fuzzy_name=normalize.fuzzy_name_key(name, term_forms),
    )


def match_criteria(keys, other):
    """Criteria on which two :class:`CustomerKeys` agree, strongest first."""
    return tuple(c for c in CRITERIA if keys.get(c) and keys.get(c) == other.get(c))


def score(criteria):
    """Score (0-100) of a match on ``criteria``; 0 when nothing matches."""
    weights = sorted((WEIGHTS[c] for c in criteria), reverse=True)
    if not weights:
        return 0
    return min(100, weights[0] + EXTRA_CRITERION_BONUS * (len(weights) - 1))


def severity(value):
    """Coarse level of a score for badges: high (a tax id or several
    criteria), medium, low (a name alone)."""
    if value >= 90:
        return HIGH
    if value >= 60:
        return MEDIUM
    return LOW


@dataclass(order=True)
class Conflict:
    """A match of the registered customer with one existing record."""

    sort_key: tuple = field(init=False, repr=False)
    ref: object = field(compare=False)
    criteria: tuple = field(compare=False)
    score: int = field(compare=False)
    kind: str = field(default=None, compare=False)
    #: trigram similarity of the distinctive names (fuzzy matches only)
    similarity: float = field(default=None, compare=False)

    def __post_init__(self):
        # highest score first, then strongest criterion first
        order = (*CRITERIA, FUZZY_NAME)
        first = order.index(self.criteria[0]) if self.criteria else len(order)
        self.sort_key = (-self.score, first, str(self.kind or ""), str(self.ref))

    @property
    def reason(self):
        """Strongest criterion of the match."""
        return self.criteria[0] if self.criteria else None


def find_conflicts(keys, candidates, min_score=1):
    """Match ``keys`` against ``candidates`` and return the conflicts,
    best first.

    :param keys: :class:`CustomerKeys` of the customer being registered
    :param candidates: iterable of ``(ref, CustomerKeys)`` or
        ``(ref, CustomerKeys, kind)``; ``ref`` identifies the record for the
        caller (an id, a ``(model, id)`` pair, ...)
    :param min_score: conflicts scoring below are dropped
    """
    conflicts = []
    if keys.is_empty():
        return conflicts
    for candidate in candidates:
        ref, other = candidate[0], candidate[1]
        kind = candidate[2] if len(candidate) > 2 else None
        criteria = match_criteria(keys, other)
        value = score(criteria)
        if criteria and value >= min_score:
            conflict = Conflict(ref=ref, criteria=criteria, score=value, kind=kind)
            conflicts.append(conflict)
    conflicts.sort()
    return conflicts


def lookup_values(keys):
    """``{criterion: value}`` for the non-empty keys: what a database
    lookup must search for (one indexed equality per criterion)."""
    return {c: v for c, v in keys.as_dict().items() if v}


def colliding_claims(claims):
    """Claims that lose their customer once their keys are recomputed.

    :param claims: ``[(claim_id, company_id, CustomerKeys)]`` of the
        registrations holding a customer, the first claimed first
    :return: ids of the later claims sharing an exact key with an earlier
        claim of the same company (the earlier one keeps the customer)
    """
    held, losers = set(), []
    for claim_id, company_id, keys in claims:
        taken = {(company_id, *item) for item in lookup_values(keys).items()}
        if taken & held:
            losers.append(claim_id)
        else:
            held |= taken
    return losers


#: Shortest distinctive name (glued) where one typo is told from another name.
TYPO_MIN_LENGTH = 5


def typo_variants(fuzzy_name):
    """Spellings one typo away from a distinctive name, as one
    space-separated string for an indexed lookup: the name glued (without
    spaces) and, from ``TYPO_MIN_LENGTH`` letters, each spelling with one
    letter dropped.  Two names one typo apart (a letter added, dropped,
    replaced or two swapped) always share one of them (symmetric deletion),
    so that the database finds them by equality instead of comparing
    trigrams of every similar-looking name.

    >>> typo_variants("son ha")
    'onha snha soha sona sonh sonha'
    """
    if not fuzzy_name:
        return None
    glued = fuzzy_name.replace(" ", "")
    variants = {glued}
    if len(glued) >= TYPO_MIN_LENGTH:
        variants.update(glued[:i] + glued[i + 1 :] for i in range(len(glued)))
    return " ".join(sorted(variants))


def typo_variants_meet(name, other):
    """Whether two distinctive names share a spelling of ``typo_variants``:
    what the indexed lookup finds (the names may still be the same)."""
    if not name or not other:
        return False
    return not set(typo_variants(name).split()).isdisjoint(typo_variants(other).split())


#: Words of a distinctive name that are paired for the lookup (15 pairs).
PAIR_MAX_WORDS = 6


def name_lookup_keys(fuzzy_name):
    """Lookup keys of a distinctive name, as one space-separated string for
    an indexed lookup by equality: its spellings one typo away
    (``typo_variants``) and each pair of its words, in either order
    ("minh|phat").  Names that share two words, or are one typo apart,
    share a key: they are the candidates whose trigram similarity the
    database computes.  (The trigram index itself reads the postings of
    every trigram of the name, common ones included: tens of milliseconds
    per table at 100,000 names, where these keys take one.)

    >>> name_lookup_keys("ha an")
    'an|ha haan'
    """
    if not fuzzy_name:
        return None
    keys = set(typo_variants(fuzzy_name).split())
    words = sorted(set(fuzzy_name.split()))[:PAIR_MAX_WORDS]
    keys.update(f"{a}|{b}" for a, b in itertools.combinations(words, 2))
    return " ".join(sorted(keys))


def lookup_keys_meet(name, other):
    """Whether two distinctive names share a key of ``name_lookup_keys``:
    what the indexed lookup finds (the names may still differ)."""
    if not name or not other:
        return False
    return not set(name_lookup_keys(name).split()).isdisjoint(
        name_lookup_keys(other).split()
    )


#: True when two words are one typo apart (see ``normalize.one_edit_apart``).
one_edit_apart = normalize.one_edit_apart


def similar_names(name, other, similarity, threshold=DEFAULT_NAME_SIMILARITY):
    """Whether two distinctive names (``fuzzy_name`` keys) name the same
    company: trigram ``similarity`` (computed by the database) reaches
    ``threshold``, or the names are one typo apart.  Trigrams of short
    Vietnamese syllables are few, so that a typo in one syllable costs more
    similarity than a reviewer's eye would."""
    if not name or not other:
        return False
    if similarity >= threshold:
        return True
    glued, other_glued = name.replace(" ", ""), other.replace(" ", "")
    return max(len(glued), len(other_glued)) >= TYPO_MIN_LENGTH and one_edit_apart(
        glued, other_glued
    )


def searched_spellings(fuzzy_name):
    """Keys of ``name_lookup_keys`` that the check looks up for a
    distinctive name: its spellings one typo away (``typo_variants``), and
    for a name of two words their pair (the words swapped, or words added).
    The pairs of longer names are left out: names that share two words of
    three are mostly one distinctive word apart (and in Vietnamese, where
    names reuse a few hundred syllables, they are many: hundreds of rows
    to read at 100,000 names), and the similar ones are found by trigrams.

    >>> searched_spellings("ha an")
    ['an|ha', 'haan']
    """
    if not fuzzy_name:
        return []
    keys = set(typo_variants(fuzzy_name).split())
    words = sorted(set(fuzzy_name.split()))
    if len(words) == 2:
        keys.add("|".join(words))
    return sorted(keys)


def is_name_candidate(name, other, glued_similarity, threshold=DEFAULT_NAME_SIMILARITY):
    """Whether the name lookups of the database return ``other`` for
    ``name``: a spelling searched (``searched_spellings``) among the stored
    keys of the other (``name_lookup_keys``, GIN index), or a pg_trgm
    similarity of the glued names (``glued_similarity``) from ``threshold``
    (the ``%`` operator on the trigram index of the glued name)."""
    if not name or not other:
        return False
    return glued_similarity >= trigram_lookup_threshold(threshold) or not set(
        searched_spellings(name)
    ).isdisjoint(name_lookup_keys(other).split())


def trigram_lookup_threshold(threshold):
    """``pg_trgm.similarity_threshold`` of the trigram index lookup for the
    similarity ``threshold`` of the settings."""
    return max(threshold, TRIGRAM_LOOKUP_MIN)


def candidate_conflicts(keys, candidates, threshold=DEFAULT_NAME_SIMILARITY):
    """Conflicts of ``keys`` with the candidate rows of the database
    lookups, best first: an exact key in common (``find_conflicts``), else
    a similar distinctive name (``similar_names``), a warning.

    :param candidates: iterable of ``(ref, CustomerKeys, kind, similarity)``
        (the other record's keys, its distinctive name included, and the
        similarity of the names computed by the database, ``None`` when
        ``keys`` has no distinctive name); a ``ref`` found by several
        lookups counts once
    """
    conflicts, seen = [], set()
    for ref, other, kind, similarity in candidates:
        if ref in seen:
            continue
        seen.add(ref)
        criteria = () if keys.is_empty() else match_criteria(keys, other)
        if criteria:
            conflicts.append(
                Conflict(ref=ref, criteria=criteria, score=score(criteria), kind=kind)
            )
        elif similarity is not None and similar_names(
            keys.fuzzy_name, other.fuzzy_name, similarity, threshold
        ):
            conflicts.append(
                Conflict(
                    ref=ref,
                    criteria=(FUZZY_NAME,),
                    score=WEIGHTS[FUZZY_NAME],
                    kind=kind,
                    similarity=round(similarity, 2),
                )
            )
    conflicts.sort()
    return conflicts
