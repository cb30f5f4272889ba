"""Database-free business rules of prm_training (standard library only)."""

from . import targeting
from . import progress
from . import completion
from . import expiry
from . import verification
