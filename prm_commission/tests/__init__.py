from . import test_install
from . import test_commission_compute
