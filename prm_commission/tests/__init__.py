from . import test_install
from . import test_commission_compute
from . import test_commission_basis
from . import test_commission_settlement
from . import test_commission_security
from . import test_commission_performance
from . import test_trust_boundary
from . import test_core_hooks
