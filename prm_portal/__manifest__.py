{
    "name": "PRM Partner Portal",
    "summary": "Partner portal: dashboard, deal registration without channel conflict, library, agreements, commissions, trainings",
    "version": "18.0.1.0.0",
    "category": "Sales/Partner Relationship Management",
    "author": "PRM Suite Contributors",
    "license": "LGPL-3",
    "depends": [
        "prm_partner",
        "prm_commission",
        "prm_training",
        "portal",
        "website",
        "crm",
    ],
    "data": [],
    "demo": [],
    "installable": True,
}
