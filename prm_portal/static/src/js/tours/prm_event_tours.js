/** @odoo-module **/
// Partner events tour; its data is prepared by the Python test.

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("prm_portal_event_register", {
    url: "/my/events",
    steps: () => [
        {
            content: "the partner webinar is listed",
            trigger: ".o_prm_event:contains('PRM Tour Webinar')",
        },
        {
            content: "register for it",
            trigger: ".o_prm_event:contains('PRM Tour Webinar') .o_prm_event_register",
            run: "click",
        },
        {
            content: "the registration is confirmed",
            trigger: ".o_prm_event_registered",
        },
        {
            content: "the webinar now shows as registered",
            trigger: ".o_prm_event:contains('PRM Tour Webinar') .o_prm_event_mine",
        },
    ],
});
