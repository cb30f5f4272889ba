from . import prm_training_enroll_wizard
