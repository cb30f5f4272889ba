/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {BadgeField, badgeField} from "@web/views/fields/badge/badge_field";
import {registry} from "@web/core/registry";

/**
 * A tier as a pill in the tier's colour, as the tags of the partner kanban
 * show it. Options: color_field (default prm_tier_color), the integer field of
 * the record holding the colour index.
 */
export class PrmTierBadgeField extends BadgeField {
    static props = {
        ...BadgeField.props,
        colorField: {type: String, optional: true},
    };

    get classFromDecoration() {
        const color = this.props.record.data[this.props.colorField || "prm_tier_color"];
        return `o_tag o_tag_color_${color || 0}`;
    }
}

export const prmTierBadgeField = {
    ...badgeField,
    component: PrmTierBadgeField,
    supportedTypes: ["many2one"],
    extractProps: ({options}) => ({colorField: options.color_field}),
};

registry.category("fields").add("prm_tier_badge", prmTierBadgeField);
