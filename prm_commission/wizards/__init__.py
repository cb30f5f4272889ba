from . import prm_commission_settlement_wizard
