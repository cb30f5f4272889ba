from . import prm_stage_wizard
from . import prm_agreement_sign_wizard
from . import prm_lead_routing_wizard
from . import prm_tier_preview_wizard
