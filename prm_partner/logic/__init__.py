# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Database-free business rules of prm_partner (standard library and
dateutil); the other addons share its dates and certification states."""

from . import batch
from . import dates
from . import zip_ranges
from . import tier_rules
from . import routing
from . import agreements
from . import signatures
from . import certifications
from . import targets
from . import plans
from . import onboarding
from . import placeholders
from . import pg_arrays
