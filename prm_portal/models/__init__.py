from . import res_partner
from . import crm_lead
from . import prm_deal_registration
from . import prm_deal_registration_conflict
from . import prm_document_category
from . import prm_document
from . import prm_document_download
from . import prm_agreement
