/** @odoo-module **/
// Partner portal tours; their data is prepared by the Python tests.

import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

function fillDealForm(customer) {
    return [
        {
            content: "customer company name",
            trigger: "input[name='customer_name']",
            run: `edit ${customer.name}`,
        },
        {
            trigger: "input[name='customer_vat']",
            run: `edit ${customer.vat}`,
        },
        {
            trigger: "input[name='customer_contact_name']",
            run: `edit ${customer.contact}`,
        },
        {
            trigger: "input[name='customer_email']",
            run: `edit ${customer.email}`,
        },
        {
            trigger: "input[name='customer_phone']",
            run: "edit 0903 123 456",
        },
        {
            trigger: "input[name='expected_revenue']",
            run: "edit 150.000.000",
        },
        {
            content: "expected close date in the future",
            trigger: "input[name='date_close']",
            run() {
                this.anchor.value = "2099-12-31";
            },
        },
        {
            content: "submit the registration",
            trigger: "button.o_prm_submit_deal",
            run: "click",
        },
    ];
}

tours.add("prm_portal_register_deal", {
    url: "/my/deals",
    steps: () => [
        {
            content: "open the registration form",
            trigger: "a.o_prm_new_deal",
            run: "click",
        },
        ...fillDealForm({
            name: "Tour Customer Co., Ltd",
            vat: "0105550001",
            contact: "Pham Tour",
            email: "pham@tour-customer.example",
        }),
        {
            content: "the registration is submitted and waits for review",
            trigger: ".alert-success:contains(we review it shortly)",
        },
        {
            trigger: ".o_prm_deal_card .badge:contains(Submitted)",
        },
        {
            content: "it is listed under my registrations",
            trigger: ".o_portal_submenu a[href='/my/deals']",
            run: "click",
        },
        {
            trigger: "td:contains(Tour Customer Co., Ltd)",
        },
    ],
});

tours.add("prm_portal_conflicting_deal", {
    url: "/my/deals/new",
    steps: () => [
        ...fillDealForm({
            name: "Công ty TNHH Khách Hàng Tour",
            vat: "VN 0105550002",
            contact: "Le Second",
            email: "le@khachhang-tour.example",
        }),
        {
            content: "the partner only sees that the registration is under review",
            trigger: ".alert-info:contains(under review)",
        },
        {
            trigger: ".o_prm_deal_card .badge:contains(Under Review)",
        },
    ],
});

tours.add("prm_portal_library_download", {
    url: "/my/library?search=Tour",
    steps: () => [
        {
            content: "the search found the document",
            trigger: "input[name='search']:value(Tour)",
        },
        {
            content: "download the document",
            trigger: ".o_prm_document:contains(Tour price list) a.o_prm_download",
            async run() {
                const response = await fetch(this.anchor.getAttribute("href"));
                const text = await response.text();
                if (response.status !== 200 || text !== "TOUR PRICES") {
                    throw new Error(`download failed: ${response.status}`);
                }
                document.body.classList.add("o_prm_downloaded");
            },
        },
        {
            trigger: "body.o_prm_downloaded",
        },
    ],
});

tours.add("prm_portal_sign_agreement", {
    url: "/my/agreements",
    steps: () => [
        {
            content: "open the agreement to sign",
            trigger: "tr:has(.badge:contains(To sign)) a",
            run: "click",
        },
        {
            trigger: "a.o_prm_sign_agreement",
            run: "click",
        },
        {
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "edit Lan Tour",
        },
        {
            content: "choose a signature style (draws the signature again)",
            trigger: ".modal .o_web_sign_auto_select_style button",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item:eq(1)",
            run: "click",
        },
        {
            content: "sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "the agreement is signed (or the form says why not)",
            trigger:
                ".alert-success:contains(the agreement is signed), .modal .o_portal_sign_error_msg",
            // the page after signing loads slowly on a busy machine
            timeout: 30000,
            run() {
                const error = document.querySelector(".modal .o_portal_sign_error_msg");
                if (error) {
                    throw new Error(`signing refused: ${error.textContent.trim()}`);
                }
            },
        },
    ],
});

// Dashboard -> deal registration -> lead update, as a partner clicks it
// (run at desktop width and at 390 px).
tours.add("prm_portal_partner_journey", {
    url: "/my/partner",
    steps: () => [
        {
            content: "the dashboard says what to do next",
            trigger: ".o_prm_next_steps li:contains(Win 3 more deals)",
        },
        {
            trigger: ".o_prm_tier_percent:contains(0%)",
        },
        {
            content: "go to the deals through the partner navigation",
            trigger: ".o_prm_nav a[href='/my/deals']",
            run: "click",
        },
        {
            trigger: ".o_prm_nav a.active[href='/my/deals']",
        },
        {
            content: "the register button is visible at every width",
            trigger: "a.o_prm_new_deal",
            run: "click",
        },
        ...fillDealForm({
            name: "Journey Customer JSC",
            vat: "0105559999",
            contact: "Vo Journey",
            email: "vo@journey-customer.example",
        }).slice(0, -1),
        {
            content: "search the products of interest",
            trigger: "input.o_prm_product_search",
            run: "edit switch",
        },
        {
            trigger: ".o_prm_product_option:contains(Journey Router):not(:visible)",
        },
        {
            trigger: ".o_prm_product_option:contains(Journey Switch) input",
            run: "click",
        },
        {
            content: "submit the registration",
            trigger: "button.o_prm_submit_deal",
            run: "click",
        },
        {
            trigger: ".alert-success:contains(we review it shortly)",
        },
        {
            content: "open the opportunity through the partner navigation",
            trigger: ".o_prm_nav a[href='/my/channel-leads']",
            run: "click",
        },
        {
            trigger: "a:contains(Journey opportunity)",
            run: "click",
        },
        {
            content: "the expected revenue reads as money, not 4.5e+08",
            trigger: "input[name='expected_revenue']:value(450,000,000.00)",
        },
        {
            content: "mark it won with the pre-filled amount",
            trigger: "button[name='action'][value='won']",
            run: "click",
        },
        {
            trigger: ".alert-success:contains(The opportunity was updated)",
        },
    ],
});

function setValue(value) {
    return function () {
        this.anchor.value = value;
    };
}

tours.add("prm_portal_fund_request", {
    url: "/my/funds",
    steps: () => [
        {
            content: "request funds from the open fund",
            trigger: "tr.o_prm_fund_row:contains(Tour Fund) a.o_prm_fund_request_new",
            run: "click",
        },
        {
            trigger: "select[name='activity_type']",
            run: "select trade_show",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit Booth at the Tour fair",
        },
        {
            trigger: "input[name='date_start']",
            run: setValue("2099-05-01"),
        },
        {
            trigger: "input[name='date_end']",
            run: setValue("2099-05-03"),
        },
        {
            trigger: "input[name='requested_amount']",
            run: "edit 1500",
        },
        {
            content: "send the request",
            trigger: "button.o_prm_fund_request_submit",
            run: "click",
        },
        {
            content: "the request waits for approval",
            trigger: ".alert-success:contains(sent for approval)",
        },
        {
            trigger: ".o_prm_fund_state:contains(Submitted)",
        },
    ],
});

tours.add("prm_portal_fund_claim", {
    url: "/my/funds",
    steps: () => [
        {
            content: "open the approved request",
            trigger: "tr.o_prm_fund_request_row:contains(Approved) a",
            run: "click",
        },
        {
            trigger: "a.o_prm_fund_claim_new",
            run: "click",
        },
        {
            trigger: "input[name='line_description_0']",
            run: "edit Booth rental",
        },
        {
            trigger: "input[name='line_amount_0']",
            run: "edit 1000",
        },
        {
            trigger: "input[name='revenue']",
            run: "edit 9000",
        },
        {
            content: "attach the proof of performance",
            trigger: "input[name='proof']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 tour proof"], "tour-proof.pdf", {
                        type: "application/pdf",
                    })
                );
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "send the claim",
            trigger: "button.o_prm_fund_claim_submit",
            run: "click",
        },
        {
            content: "the claim waits for review",
            trigger: ".alert-success:contains(sent for review)",
        },
        {
            trigger: "a:contains(tour-proof.pdf)",
        },
    ],
});

tours.add("prm_portal_quick_order", {
    steps: () => [
        {
            content: "paste two lines from a spreadsheet, one with an unknown code",
            trigger: "textarea[name='lines']",
            run() {
                this.anchor.value = "PRM-TOUR-1\t3\nPRM-NOPE\t1";
            },
        },
        {
            trigger: "button.o_prm_quick_order_submit",
            run: "click",
        },
        {
            content: "the unknown code is refused, line by line",
            trigger: ".o_prm_quick_order_error:contains(PRM-NOPE)",
        },
        {
            content: "keep the known line only",
            trigger: "textarea[name='lines']",
            run() {
                this.anchor.value = "PRM-TOUR-1\t3";
            },
        },
        {
            trigger: "button.o_prm_quick_order_submit",
            run: "click",
        },
        {
            content: "the cart holds the product at the partner price",
            trigger: "#cart_products:contains(PRM Tour Router)",
        },
        {
            trigger: ".o_prm_price_label:contains(-18%)",
        },
    ],
});
