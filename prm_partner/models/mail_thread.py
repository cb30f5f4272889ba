# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _prm_send_template_batch(self, template):
        """Queue ``template`` for every record of ``self`` in one batch.

        Uses the composer's mass mail mode: the template is rendered for all
        records at once and the emails are created together, each one kept as
        a log in its record's chatter. The number of queries does not grow with
        the number of records (unlike one message_post per record).
        Returns the queued ``mail.mail`` records.
        """
        if not self or not template:
            return self.env["mail.mail"]
        composer = (
            self.env["mail.compose.message"]
            .with_context(
                default_composition_mode="mass_mail",
                default_model=self._name,
                default_res_ids=self.ids,
                default_template_id=template.id,
            )
            .create({"force_send": False, "auto_delete_keep_log": True})
        )
        mails, _messages = composer._action_send_mail()
        return mails
