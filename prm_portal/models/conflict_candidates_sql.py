# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The candidate query of the channel-conflict check, kept in the database
as the PL/pgSQL function ``prm_conflict_candidates``.

PL/pgSQL keeps the plan of the query of a function for the session (its
generic plan, forced by the function's settings), so that a check pays for
its planning once per connection, not per check: planning the OR of six
indexed lookups over three tables cost about 2.8 ms of CPU a check at
100,000 leads and customers, more than running it.  Being a function, and
not a prepared statement, it works behind a connection pooler in
transaction mode as well.

The query of the function is ``CANDIDATES``, with positional parameters
(``PARAMETERS``): the benchmark prepares the same text to show its plan.
Rows are ``(kind, id, exact keys in KEY_FIELDS order, distinctive name,
similarity of the names, commercial partner, whether that partner has a
recent order)``, per kind those sharing an exact key first, then the most
similar names, at most ``$15`` per kind.

Each kind returns the records of its scope (leads: open, active, in the
company or shared, not excluded; customers: active, in the company or
shared; registrations: live, in the company, not excluded) that share an
exact key (btree indexes), or whose distinctive name may be similar: a
spelling one typo away or the two words of the name (``&&`` on the GIN
index of the spellings), or a trigram similarity of the glued names from
``pg_trgm.similarity_threshold`` (``%`` on the trigram index of the glued
name); of the similar names only those ``conflict.similar_names`` may
accept (a similarity from ``$9`` or a spelling one typo away).
"""

from odoo.tools import SQL

#: Types of the parameters of ``CANDIDATES``, in order: the exact keys
#: (tax id, e-mail domain, phone, name), the distinctive name and the same
#: glued, the spellings searched (``conflict.searched_spellings``) and the
#: spellings one typo away (``conflict.typo_variants``), the similarity
#: threshold of the settings, the company, the leads and the registrations
#: left out, the live states of a registration, the first day of the recent
#: orders, the number of rows per kind.
PARAMETERS = (
    "varchar",
    "varchar",
    "varchar",
    "varchar",
    "varchar",
    "varchar",
    "text[]",
    "text[]",
    "real",
    "integer",
    "integer[]",
    "integer[]",
    "varchar[]",
    "timestamp",
    "integer",
)


#: In the company or shared, as a test of the rows the keys found, never
#: an index scan: ANDed to the keys' bitmaps, the company's index read all
#: its 100,000 leads (1.3 ms a check) to keep the same 30 rows.
SHARED_OR_COMPANY = "COALESCE(t.company_id, $10) = $10"


def _kind(kind, table, scope, partner="NULL::integer"):
    """SELECT of the candidates of one table (alias ``t``) in ``scope``."""
    exact = (
        "(t.prm_key_tax = $1 OR t.prm_key_domain = $2 "
        "OR t.prm_key_phone = $3 OR t.prm_key_name = $4)"
    )
    similarity = (
        "GREATEST(similarity(t.prm_key_name_fuzzy, $5), "
        "similarity(replace(t.prm_key_name_fuzzy, ' ', ''), $6))"
    )
    spellings = "string_to_array(t.prm_key_name_typos, ' ')"
    return f"""(
        SELECT '{kind}'::varchar, t.id, t.prm_key_tax, t.prm_key_domain,
               t.prm_key_phone, t.prm_key_name, t.prm_key_name_fuzzy,
               {similarity}, {partner}
          FROM {table} t
         WHERE {scope}
           AND ({exact}
                OR {spellings} && $7
                OR replace(t.prm_key_name_fuzzy, ' ', '') % $6)
           AND ({exact} OR {similarity} >= $9 OR {spellings} && $8)
         ORDER BY {exact} IS TRUE DESC, {similarity} DESC NULLS LAST, t.id
         LIMIT $15)"""


#: The candidate query (plain text: run it without parameters of the driver).
CANDIDATES = f"""
    SELECT candidate.*, candidate.partner IS NOT NULL AND EXISTS (
               SELECT 1
                 FROM sale_order so
                 JOIN res_partner buyer ON buyer.id = so.partner_id
                WHERE buyer.commercial_partner_id = candidate.partner
                  AND so.state = 'sale'
                  AND so.date_order >= $14
                  AND so.company_id = $10)
      FROM ({
    " UNION ALL ".join(
        (
            _kind(
                "lead",
                "crm_lead",
                f"{SHARED_OR_COMPANY} AND t.active "
                "AND (t.stage_id IS NULL OR t.stage_id IN ("
                "SELECT s.id FROM crm_stage s WHERE s.is_won IS NOT TRUE)) "
                "AND t.id <> ALL($11)",
            ),
            _kind(
                "customer",
                "res_partner",
                f"{SHARED_OR_COMPANY} AND t.active",
                partner="t.commercial_partner_id",
            ),
            _kind(
                "registration",
                "prm_deal_registration",
                "t.company_id = $10 AND t.state = ANY($13) AND t.id <> ALL($12)",
            ),
        )
    )
}) AS candidate(kind, id, tax, domain, phone, name, fuzzy, similarity,
                       partner)
"""

#: The function that runs ``CANDIDATES`` with the similarity threshold of
#: the trigram lookup (its last parameter) set for the transaction.
FUNCTION = f"""
    CREATE OR REPLACE FUNCTION prm_conflict_candidates(
        {", ".join(PARAMETERS)}, real
    ) RETURNS TABLE (
        kind varchar, id integer, tax varchar, domain varchar, phone varchar,
        name varchar, fuzzy varchar, similarity real, partner integer,
        ordering boolean
    ) LANGUAGE plpgsql
      -- the generic plan from the first call: the planner estimates it
      -- dearer than the plans for the values (it cannot tell an unset key,
      -- NULL, finds nothing), which would be planned again at every call
      SET plan_cache_mode = force_generic_plan
      -- and never compiled: with a large sale_order the generic plan's cost
      -- passes jit_above_cost, and the JIT compilation of every call took
      -- 1.2 s (at 200,000 orders) for a query that runs in milliseconds
      SET jit = off
      AS $body$
    #variable_conflict use_column
    BEGIN
        PERFORM set_config('pg_trgm.similarity_threshold', $16::text, true);
        RETURN QUERY {CANDIDATES};
    END
    $body$
"""


def create_function(cr):
    """Create (or replace) ``prm_conflict_candidates`` in the database."""
    # a constant, without parameters: its "%" (pg_trgm) is sent as it is
    cr.execute(FUNCTION)


def candidates_call(values, lookup_threshold):
    """SQL calling the function with ``values`` (as ``PARAMETERS``) and the
    similarity threshold of the trigram lookup."""
    arguments = SQL(", ").join(
        SQL("%s::%s", value, SQL(type_))
        for value, type_ in zip(
            (*values, lookup_threshold), (*PARAMETERS, "real"), strict=True
        )
    )
    return SQL("SELECT * FROM prm_conflict_candidates(%s)", arguments)
