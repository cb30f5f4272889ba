from . import test_install
from . import test_deal_registration
from . import test_concurrency
