from . import controllers
from . import models


def post_init_hook(env):
    """The customer keys of the existing leads and partners were filled row
    by row at install: their trigram indexes are rebuilt compact."""
    env["prm.conflict.term"]._prm_rebuild_name_indexes()
