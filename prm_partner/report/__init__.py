from . import sale_report
from . import prm_channel_funnel_report
