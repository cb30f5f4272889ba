{
    "name": "PRM Training",
    "summary": "Partner training programs on eLearning that issue and renew certifications",
    "version": "18.0.1.0.0",
    "category": "Sales/Partner Relationship Management",
    "author": "PRM Suite Contributors",
    "license": "LGPL-3",
    "depends": ["prm_partner", "website_slides", "survey"],
    "data": [],
    "demo": [],
    "installable": True,
}
