{
    "name": "PRM Commissions",
    "summary": "Traceable partner commissions on sale orders, settlements and vendor bills",
    "version": "18.0.1.0.0",
    "category": "Sales/Partner Relationship Management",
    "author": "PRM Suite Contributors",
    "license": "LGPL-3",
    "depends": ["prm_partner", "sale_management", "account"],
    "data": [],
    "demo": [],
    "installable": True,
}
