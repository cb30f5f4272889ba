from . import test_install
from . import test_enrollment
from . import test_completion
from . import test_renewal
from . import test_verification
from . import test_access
from . import test_exam_access
from . import test_core_hooks
