from . import portal
from . import library
from . import apply
