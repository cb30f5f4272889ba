from . import access
from . import models
from . import report
from . import wizards
