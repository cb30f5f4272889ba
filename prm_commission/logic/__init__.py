# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Database-free commission rules.

Everything in this package works on plain dataclasses and dictionaries so
that the Odoo models can feed it from batch reads and the unit tests can run
without a database. Besides the standard library, it imports only the
calendar periods of prm_partner's logic.
"""

from . import text
from . import money
from . import brackets
from . import matching
from . import rates
from . import spiffs
from . import clawback
from . import engine
from . import funds
