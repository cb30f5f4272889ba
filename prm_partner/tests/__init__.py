from . import test_install
from . import test_tier_evaluation
from . import test_routing
from . import test_agreement
from . import test_agreement_template
from . import test_certification
from . import test_lifecycle
from . import test_access
