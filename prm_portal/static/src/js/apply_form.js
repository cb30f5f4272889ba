/** @odoo-module **/
// Public application form: Odoo's own captcha when its optional modules are
// installed and configured (reCAPTCHA: google_recaptcha; Turnstile:
// website_cf_turnstile). Their keys reach the session only then, and their
// code is looked up at run time: this addon does not depend on them.

import publicWidget from "@web/legacy/js/public/public_widget";
import {session} from "@web/session";

// Same action name as the server checks (controllers/apply.py).
const CAPTCHA_ACTION = "prm_partner_apply";
const RECAPTCHA_TIMEOUT_MS = 10000;
const TURNSTILE_HELPERS = [
    "addTurnstile",
    "cleanTurnstile",
    "renderTurnstile",
    "addSpinner",
    "_createSpinner",
];

publicWidget.registry.PrmPartnerApplyCaptcha = publicWidget.Widget.extend({
    selector: ".o_prm_apply_form",
    events: {
        submit: "_onSubmit",
    },

    init() {
        this._super(...arguments);
        const recaptcha =
            session.recaptcha_public_key &&
            odoo.loader.modules.get("@google_recaptcha/js/recaptcha");
        this._recaptcha = recaptcha ? new recaptcha.ReCaptcha() : null;
        const turnstile =
            session.turnstile_site_key &&
            odoo.loader.modules.get("@website_cf_turnstile/js/turnstile");
        this._turnstile = turnstile ? turnstile.turnStile : null;
    },

    willStart() {
        // Not awaited: a script that does not load must not keep the form
        // (and Turnstile) from starting; getToken waits for it on submit.
        if (this._recaptcha) {
            Promise.resolve(this._recaptcha.loadLibs()).catch(() => {});
        }
        return this._super(...arguments);
    },

    start() {
        const result = this._super(...arguments);
        if (this._turnstile) {
            for (const name of TURNSTILE_HELPERS) {
                this[name] = this._turnstile[name];
            }
            const button = this.el.querySelector("button[type='submit']");
            this.addSpinner(button);
            this.cleanTurnstile();
            const nodes = this.addTurnstile(CAPTCHA_ACTION);
            nodes?.insertBefore(button);
            this.renderTurnstile(nodes);
        }
        return result;
    },

    async _onSubmit(ev) {
        if (
            !this._recaptcha ||
            this.el.querySelector("input[name='recaptcha_token_response']")
        ) {
            return;
        }
        ev.preventDefault();
        // If reCAPTCHA cannot be reached, post without a token after a while:
        // the server then refuses the application and says why.
        const timeout = new Promise((resolve) =>
            setTimeout(() => resolve({}), RECAPTCHA_TIMEOUT_MS)
        );
        let token = "";
        try {
            const result = await Promise.race([
                this._recaptcha.getToken(CAPTCHA_ACTION),
                timeout,
            ]);
            token = result.token || "";
        } catch {
            // the library failed to load: same as above
        }
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "recaptcha_token_response";
        input.value = token;
        this.el.append(input);
        this.el.submit();
    },
});
