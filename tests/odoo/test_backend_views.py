"""The backend screens a channel manager works in, as the four addons build
them together: partner form and kanban, channel opportunities, list headers."""

from lxml import etree

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.prm_partner.tests.common import SUITE_MODULES as SUITE

# Odoo's list view gives numeric and date columns a fixed width (in pixels,
# web/static/src/views/list/column_width_hook.js) and shrinks boolean ones
# when space is short; about 6.5 px per character of the header font and 16 px
# of padding.
FIXED_WIDTHS = {"integer": 71, "float": 93, "monetary": 105, "date": 92, "boolean": 60}


def header_budget(node, field):
    if node.get("widget") == "handle":
        return None  # a handle column has no header
    width = node.get("width") or FIXED_WIDTHS.get(field.type)
    if not width:
        return None
    return int((int(str(width).removesuffix("px")) - 16) / 6.5)


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestBackendViews(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="prm_views_manager",
            groups="prm_partner.group_prm_manager,sales_team.group_sale_salesman",
        )

    def _arch(self, model, view_xmlid, view_type, user=None):
        env = self.env(user=user or self.manager)
        view = self.env.ref(view_xmlid)
        return etree.fromstring(env[model].get_view(view.id, view_type)["arch"])

    # Partner form

    def test_partner_form_header_has_stage_statusbar_and_tier_badge(self):
        form = self._arch("res.partner", "base.view_partner_form", "form")
        headers = form.xpath("/form/header")
        self.assertEqual(len(headers), 1)
        header = headers[0]
        self.assertEqual(form.index(header), 0, "the header comes first")
        stage = header.xpath(".//field[@name='prm_stage']")
        self.assertEqual(stage[0].get("widget"), "statusbar")
        tier = header.xpath(".//field[@name='prm_tier_id']")
        self.assertEqual(tier[0].get("widget"), "prm_tier_badge")
        self.assertIn("prm_tier_color", tier[0].get("options"))
        self.assertTrue(header.xpath(".//field[@name='prm_tier_color']"))
        self.assertEqual(
            [b.get("name") for b in header.iter("button")],
            ["action_prm_open_stage_wizard", "action_prm_evaluate_tier"],
        )

    def test_partner_form_smart_buttons_come_first(self):
        form = self._arch("res.partner", "base.view_partner_form", "form")
        box = form.xpath("//div[@name='button_box']")[0]
        names = [button.get("name") for button in box.iter("button")]
        prm = [
            "action_prm_view_deal_registrations",
            "action_prm_view_leads",
            "action_prm_view_orders",
            "action_prm_view_commissions",
            "action_prm_view_settlements",
            "action_prm_view_agreements",
            "action_prm_view_certifications",
            "action_prm_view_targets",
        ]
        self.assertEqual(names[: len(prm)], prm)
        self.assertGreater(len(names), len(prm), "the other apps' buttons follow")

    def test_partner_form_header_hidden_from_salespeople(self):
        salesman = new_test_user(
            self.env,
            login="prm_views_salesman",
            groups="sales_team.group_sale_salesman",
        )
        form = self._arch("res.partner", "base.view_partner_form", "form", salesman)
        self.assertFalse(form.xpath("//field[@name='prm_stage']"))
        self.assertFalse(form.xpath("//button[@name='action_prm_view_agreements']"))

    def test_deal_registration_button_counts_and_opens_the_partners_deals(self):
        partner = self.env["res.partner"].create(
            {"name": "Views Channel Co.", "is_company": True, "prm_is_partner": True}
        )
        Registration = self.env["prm.deal.registration"]
        for name, vat in (
            ("Customer One", "0311111111"),
            ("Customer Two", "0322222222"),
        ):
            Registration.create(
                {"partner_id": partner.id, "customer_name": name, "customer_vat": vat}
            )
        partner = partner.with_user(self.manager)
        self.assertEqual(partner.prm_deal_registration_count, 2)
        action = partner.action_prm_view_deal_registrations()
        self.assertEqual(action["res_model"], "prm.deal.registration")
        self.assertEqual(
            Registration.search(action["domain"]).partner_id, partner.sudo()
        )

    # Partner kanban

    def test_partner_kanban_coloured_tier_badge_and_labelled_progress(self):
        kanban = self._arch(
            "res.partner", "prm_partner.res_partner_view_kanban_prm", "kanban"
        )
        badge = kanban.xpath("//span[field[@name='prm_tier_id']]")[0]
        classes = badge.get("t-attf-class")
        # o_tag_color_N only colours an .o_tag
        self.assertIn("o_tag ", classes)
        self.assertIn("o_tag_color_#{record.prm_tier_color.raw_value", classes)
        progress = kanban.xpath("//field[@name='prm_onboarding_progress']")[0]
        self.assertEqual(progress.get("widget"), "progressbar")
        self.assertEqual(progress.get("title"), "Onboarding")
        partners = self._arch(
            "res.partner", "prm_partner.res_partner_view_list_prm", "list"
        )
        tier = partners.xpath("//field[@name='prm_tier_id']")[0]
        self.assertEqual(tier.get("widget"), "prm_tier_badge")

    # Lists

    def test_channel_opportunities_show_acceptance_and_declines(self):
        action = self.env.ref("prm_partner.crm_lead_action_prm")
        view = action.view_ids.filtered(lambda v: v.view_mode == "list").view_id
        self.assertTrue(view, "the channel opportunities have a list of their own")
        arch = etree.fromstring(
            self.env["crm.lead"]
            .with_user(self.manager)
            .get_view(view.id, "list")["arch"]
        )
        acceptance = arch.xpath("//field[@name='prm_acceptance']")
        self.assertEqual(acceptance[0].get("widget"), "badge")
        self.assertNotEqual(acceptance[0].get("optional"), "hide")
        declined = arch.xpath("//field[@name='prm_declined_partner_ids']")
        self.assertEqual(declined[0].get("widget"), "many2many_tags")
        # a declined lead (no partner any more) stays in the list
        partner = self.env["res.partner"].create(
            {"name": "Declining Co.", "is_company": True, "prm_is_partner": True}
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Declined deal",
                "type": "opportunity",
                "prm_partner_id": partner.id,
            }
        )
        lead.action_prm_decline()
        self.assertFalse(lead.prm_partner_id)
        domain = safe_eval(action.domain)
        self.assertIn(lead, self.env["crm.lead"].search(domain))

    def test_opportunity_form_has_one_channel_partner_tab(self):
        form = self._arch("crm.lead", "crm.crm_lead_view_form", "form")
        pages = form.xpath("//notebook/page[@string='Channel Partner']")
        self.assertEqual(len(pages), 1, "routing and protection share one tab")
        names = {f.get("name") for f in pages[0].iter("field")}
        self.assertLessEqual(
            {"prm_partner_id", "prm_acceptance", "prm_registration_ids"}, names
        )

    def test_agreement_form_shows_who_signed_from_where(self):
        form = self._arch(
            "prm.agreement", "prm_partner.prm_agreement_view_form", "form"
        )
        page = form.xpath("//page[@name='signature']")[0]
        names = [f.get("name") for f in page.iter("field")]
        self.assertIn("signed_by_user_id", names)
        self.assertIn("signer_ip", names)

    def test_list_headers_fit_their_columns(self):
        """Every column our list views show on a fixed-width (numeric, date,
        boolean) field has a header that fits: a shorter label or a width."""
        too_long = []
        for view in self.env["ir.ui.view"].search([("type", "=", "list")]):
            xmlid = view.get_external_id()[view.id]
            if xmlid.split(".")[0] not in SUITE:
                continue
            Model = self.env[view.model]
            own = etree.fromstring(view.arch)
            for node in own.iter("field"):
                parent = node.getparent()
                if parent is None:
                    continue  # the root of an extension: an anchor
                added = parent.get("position") in ("after", "before", "inside")
                if node.get("position") or not (parent.tag == "list" or added):
                    continue  # an anchor, or not a column
                if node.get("column_invisible") in ("1", "True"):
                    continue
                field = Model._fields[node.get("name")]
                budget = header_budget(node, field)
                label = node.get("string") or field.string
                if budget is not None and len(label) > budget:
                    too_long.append(f"{xmlid}: {node.get('name')} {label!r}")
        self.assertFalse(too_long, "headers cut off:\n" + "\n".join(too_long))
