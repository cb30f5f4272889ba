{
    "name": "PRM Partner Portal",
    "summary": "Partner portal: dashboard, deal registration, library, agreements",
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
    "data": [
        "security/prm_portal_security.xml",
        "security/ir.model.access.csv",
        "data/prm_portal_data.xml",
        "views/prm_deal_registration_views.xml",
        "views/prm_document_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/prm_portal_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "prm_portal/static/src/js/deal_form.js",
            "prm_portal/static/src/js/apply_form.js",
        ],
        "web.assets_tests": [
            "prm_portal/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
}
