/** @odoo-module **/
// Deal registration form: only show the states of the chosen country; filter
// the products of interest as the partner types.

import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";

publicWidget.registry.PrmDealForm = publicWidget.Widget.extend({
    selector: ".o_prm_deal_form",
    events: {
        "change select[name='customer_country_id']": "_onChangeCountry",
        "input .o_prm_product_search": "_onSearchProducts",
        "keydown .o_prm_product_search": "_onSearchKeydown",
    },

    start() {
        this.stateSelect = this.el.querySelector("select[name='customer_state_id']");
        return this._super(...arguments);
    },

    _onSearchKeydown(ev) {
        // Enter filters, it does not send the registration
        if (ev.key === "Enter") {
            ev.preventDefault();
        }
    },

    _onSearchProducts(ev) {
        const words = ev.currentTarget.value.toLowerCase().split(/\s+/).filter(Boolean);
        let shown = 0;
        for (const option of this.el.querySelectorAll(".o_prm_product_option")) {
            const label = option.textContent.toLowerCase();
            // ticked products stay visible: the partner sees what it chose
            const visible =
                option.querySelector("input").checked ||
                words.every((word) => label.includes(word));
            option.classList.toggle("d-none", !visible);
            shown += visible ? 1 : 0;
        }
        this.el.querySelector(".o_prm_product_none")?.classList.toggle("d-none", shown > 0);
    },

    async _onChangeCountry(ev) {
        if (!this.stateSelect) {
            return;
        }
        const countryId = ev.currentTarget.value;
        const states = countryId
            ? await rpc("/my/deals/country_states", {country_id: parseInt(countryId)})
            : [];
        this.stateSelect.replaceChildren(new Option("-", ""));
        for (const [id, name] of states) {
            this.stateSelect.append(new Option(name, id));
        }
    },
});
