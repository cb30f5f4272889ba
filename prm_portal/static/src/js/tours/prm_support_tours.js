/** @odoo-module **/
// Partner support tours; their data is prepared by the Python tests.

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("prm_portal_support_ticket", {
    url: "/my/partner",
    steps: () => [
        {
            content: "ask for support from the dashboard",
            trigger: "a.o_prm_new_ticket",
            run: "click",
        },
        {
            trigger: "select[name='category']",
            run: "selectByLabel Technical issue",
        },
        {
            trigger: "input[name='subject']",
            run: "edit Tour router will not reset",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit The router hangs during the reset.",
        },
        {
            content: "first step: articles that may answer",
            trigger: "button.o_prm_support_next",
            run: "click",
        },
        {
            trigger: ".o_prm_support_suggestions .o_prm_suggestion:contains('Tour reset guide')",
        },
        {
            content: "still send the ticket",
            trigger: "button.o_prm_support_submit",
            run: "click",
        },
        {
            content: "the ticket with its response time",
            trigger: ".o_prm_ticket_sla .o_prm_sla_waiting",
        },
        {
            content: "follow it from the list of tickets",
            trigger: ".o_portal_submenu a[href^='/my/tickets']",
            run: "click",
        },
        {
            trigger: "a:contains('Tour router will not reset')",
            run: "click",
        },
        {
            trigger: "h3:contains('Tour router will not reset')",
        },
    ],
});
