# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Database-free business rules of the partner portal."""

from . import normalize
from . import identifiers
from . import conflict
from . import validation
from . import ratelimit
from . import registration
from . import dashboard
from . import uploads
from . import support
from . import quick_order
from . import special_prices
from . import audience
from . import engagement
from . import events
from . import field_renames
