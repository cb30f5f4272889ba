from . import portal
from . import nav
from . import dashboard
from . import commissions
from . import trainings
from . import library
from . import apply
