/** @odoo-module **/
// Deal registration form: only show the states of the chosen country.

import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";

publicWidget.registry.PrmDealForm = publicWidget.Widget.extend({
    selector: ".o_prm_deal_form",
    events: {
        "change select[name='customer_country_id']": "_onChangeCountry",
    },

    start() {
        this.stateSelect = this.el.querySelector("select[name='customer_state_id']");
        return this._super(...arguments);
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
