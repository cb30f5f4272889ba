# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Engagement score of a channel partner: what its contacts did over the
last :data:`WINDOW_DAYS` days, as a number from 0 to 100.

Each *component* counts one activity (portal logins, events attended, forum
posts, support tickets, announcements acknowledged). A component earns its
weight in full once the activity reaches its target, in proportion below.
The score is the share of the weights earned, over the components measured
(a component whose app is not installed does not count against anyone).
"""

from dataclasses import dataclass

WINDOW_DAYS = 30
#: a score this much lower than the previous one (a share) is a drop
DROP_SHARE = 0.30

LOGINS = "logins"
EVENTS = "events"
FORUM = "forum"
TICKETS = "tickets"
ACKS = "acks"


@dataclass(frozen=True)
class Component:
    code: str
    weight: float
    target: float  # the activity that earns the full weight


#: The components and their weights, in the order the scorecard lists them.
COMPONENTS = (
    Component(LOGINS, 30, 3),  # contacts who signed in to the portal
    Component(EVENTS, 20, 1),  # partner events attended
    Component(FORUM, 20, 3),  # questions and answers in the community
    Component(TICKETS, 10, 1),  # support tickets opened
    Component(ACKS, 20, 2),  # announcements read and acknowledged
)
BY_CODE = {component.code: component for component in COMPONENTS}


def score(activity, components=COMPONENTS):
    """Score (0-100, one decimal) of ``activity`` {code: count} over the
    ``components`` measured; 0 when none is."""
    total = sum(component.weight for component in components)
    if total <= 0:
        return 0.0
    earned = 0.0
    for component in components:
        value = max(activity.get(component.code) or 0, 0)
        earned += component.weight * min(value / component.target, 1.0)
    return round(100.0 * earned / total, 1)


def measured(codes):
    """The components whose code is in ``codes``, in their order."""
    return tuple(component for component in COMPONENTS if component.code in codes)


def dropped(previous, current, share=DROP_SHARE):
    """Whether ``current`` fell by at least ``share`` of ``previous``."""
    if not previous or previous <= 0:
        return False
    return (previous - (current or 0)) >= share * previous - 1e-9
