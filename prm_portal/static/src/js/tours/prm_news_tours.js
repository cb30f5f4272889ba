/** @odoo-module **/
// Partner news tour; its data is prepared by the Python test.

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("prm_portal_news_acknowledge", {
    url: "/my/news",
    steps: () => [
        {
            content: "the announcement to acknowledge is marked",
            trigger: ".o_prm_news_item:contains('News price_change') .o_prm_news_to_ack",
        },
        {
            content: "open it",
            trigger: ".o_prm_news_item:contains('News price_change')",
            run: "click",
        },
        {
            content: "read it",
            trigger: ".o_prm_news_body:contains('Body of price_change')",
        },
        {
            content: "acknowledge it",
            trigger: "button.o_prm_news_ack",
            run: "click",
        },
        {
            content: "acknowledged",
            trigger: ".o_prm_news_ack_done",
        },
        {
            content: "back to the news: acknowledged there too",
            trigger: "a[href='/my/news'].btn-link",
            run: "click",
        },
        {
            trigger: ".o_prm_news_item:contains('News price_change') .o_prm_news_acked",
        },
    ],
});
