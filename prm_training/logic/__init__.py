"""Database-free business rules of prm_training (standard library, and the
certification states of prm_partner's logic)."""

from . import targeting
from . import progress
from . import completion
from . import expiry
from . import verification
from . import satisfaction
