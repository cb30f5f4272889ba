from . import test_install
from . import test_deal_registration
from . import test_concurrency
from . import test_portal_pages
from . import test_tours
from . import test_leads
from . import test_application
from . import test_library
