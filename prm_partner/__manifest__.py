{
    "name": "PRM Partners",
    "summary": "Run a partner program: tiers, territories, agreements, certifications, lifecycle and targets",
    "version": "18.0.1.0.0",
    "category": "Sales/Partner Relationship Management",
    "author": "PRM Suite Contributors",
    "license": "LGPL-3",
    "application": True,
    "depends": ["contacts", "mail", "crm", "sale_management"],
    "data": [
        "security/prm_partner_security.xml",
        "security/ir.model.access.csv",
        "views/menus.xml",
    ],
    "demo": [],
    "installable": True,
}
