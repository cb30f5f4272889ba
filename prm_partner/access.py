# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may run what: the checks every public method of the suite starts with.

Public methods (``action_*``, ``write``) are reachable over RPC by anyone who
can read the record, portal users included. They authorise on the groups of
the calling user, never on a context key; the superuser environment (crons,
``sudo()`` after a controller's own checks) passes.
"""

from odoo.exceptions import AccessError

USER = "prm_partner.group_prm_user"
MANAGER = "prm_partner.group_prm_manager"


def is_allowed(env, group):
    return env.su or env.user.has_group(group)


def require(env, group, message=None):
    """Raise AccessError unless the user is in ``group`` (or superuser)."""
    if is_allowed(env, group):
        return
    if message is None:
        message = (
            env._("Only PRM managers may do this.")
            if group == MANAGER
            else env._("Only PRM users may do this.")
        )
    raise AccessError(message)


def is_internal(env, marker):
    """True on an internal path of the suite that said ``marker``.

    The marker is a context key, and a context key never authorises on its
    own: anyone may set one over RPC. It counts only in a superuser
    environment, which only server code reaches, after its own checks.
    """
    return env.su and bool(env.context.get(marker))


#: Program fields of res.partner that only these groups change by hand.
PARTNER_FIELD_GROUPS = {
    "prm_is_partner": USER,
    "prm_partner_type": USER,
    "prm_manager_id": USER,
    "prm_territory_ids": USER,
    "prm_max_open_leads": USER,
    "prm_routing_weight": USER,
    "prm_partner_since": MANAGER,
    "prm_tier_id": MANAGER,
    "prm_tier_locked": MANAGER,
    "prm_tier_lock_until": MANAGER,
    "prm_tier_lock_reason": MANAGER,
    "prm_tier_demotion_date": MANAGER,
    "prm_tier_demotion_target_id": MANAGER,
    "prm_tier_evaluated_on": MANAGER,
}
