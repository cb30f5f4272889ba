from . import logic
from . import models
from . import wizards
from . import controllers
