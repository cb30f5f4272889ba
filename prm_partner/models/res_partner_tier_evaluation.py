# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tier evaluation: the cron, the button and the preview wizard.

The rules decide (``logic/tier_rules.py``); this file gathers the metrics and
applies the decisions in batches: promotions and due demotions written,
demotions announced (date, activity, mail), announcements cancelled. The
number of queries does not depend on the number of partners.

Garbage collector: at 10,000 partners what evaluation keeps per partner
(record, metrics, decision, result) is what makes Python run a full
collection of the whole heap, which costs more than the rules. So nothing
else is kept per partner: rows as tuples, the criteria of a decision built
only when read (``tier_rules.Decision``), no empty set per partner.
"""

from collections import defaultdict

from odoo import api, fields, models

from .. import access
from ..logic import tier_rules
from .res_partner_metrics import restrict_to_ids

# One class per concern on purpose (see the docstring above).
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _prm_evaluate_tiers(self, apply=True, today=None):
        """Evaluate the tier of every channel partner in ``self``.

        Returns a list of ``(partner, decision, metrics)``. With ``apply``,
        promotions and due demotions are written, demotion warnings are
        announced and history rows created, all in batches.
        """
        today = today or fields.Date.context_today(self)
        # One query for the fields evaluation reads, whatever the number of
        # partners, as plain rows (records would cost more than the rules).
        query = self._search(
            [("prm_is_partner", "=", True), ("is_company", "=", True)], order="id"
        )
        rows = []
        if self and not query.is_empty():
            restrict_to_ids(self, query, "id", self.ids)
            fnames = (
                "id",
                "company_id",
                "prm_tier_id",
                "prm_tier_demotion_date",
                "prm_tier_locked",
                "prm_tier_lock_until",
                "prm_csat",
            )
            rows = self.env.execute_query(
                query.select(
                    *(self._field_to_sql(self._table, f, query) for f in fnames)
                )
            )
        partners = self.browse([row[0] for row in rows])
        if apply:
            # applying reads them from the records: one query too
            partners.fetch(fnames[1:])
        # rows grouped by company, records by id: no pair per partner (see
        # the garbage collector note in the module docstring)
        records = dict(zip((row[0] for row in rows), partners, strict=True))
        by_company = defaultdict(list)
        for row in rows:
            by_company[row[1] or self.env.company.id].append(row)
        results = []
        Tier = self.env["prm.tier"].sudo()
        for company_id, company_rows in by_company.items():
            company = self.env["res.company"].browse(company_id)
            tiers = Tier.search([("company_id", "=", company.id)])
            tier_values = tiers._prm_rule_values()
            by_id = {tier["id"]: tier for tier in tier_values}
            # sorted and read once for all the partners of the company
            ladder = tier_rules.ladder(tier_values)
            metrics = self.browse([row[0] for row in company_rows])._prm_tier_metrics(
                tiers,
                today,
                company=company,
                csat={row[0]: row[6] for row in company_rows},
            )
            grace = company.prm_tier_grace_days
            # partners with nothing counted (their metrics are the shared
            # empty ones) and the same tier state get the same decision:
            # decided once, shared (a decision is never changed once made)
            shared = {}
            for (
                partner_id,
                __,
                tier_id,
                demotion,
                locked,
                lock_until,
                __,
            ) in company_rows:
                current = by_id.get(tier_id)
                if tier_id and current is None:
                    current = Tier.browse(tier_id)._prm_rule_values()[0]
                partner_metrics = metrics[partner_id]
                state = (tier_id, demotion, locked, lock_until)
                decision = (
                    shared.get(state) if partner_metrics is metrics.empty else None
                )
                if decision is None:
                    decision = tier_rules.decide(
                        partner_metrics,
                        ladder,
                        current,
                        today,
                        grace_days=grace,
                        demotion_date=demotion or None,
                        lock_tier=current if locked and current else None,
                        lock_until=lock_until or None,
                    )
                    if partner_metrics is metrics.empty:
                        shared[state] = decision
                results.append((records[partner_id], decision, partner_metrics))
        if apply:
            partners._prm_apply_tier_decisions(results, today)
        return results

    @staticmethod
    def _prm_metrics_snapshot(metrics, decision):
        """The metrics of ``decision`` for its history row."""
        return tier_rules.snapshot(metrics, decision.target or decision.current)

    def _prm_apply_tier_decisions(self, results, today):
        Tier = self.env["prm.tier"]
        moves = defaultdict(lambda: self.browse())
        changes = []
        warnings = []
        cancels = self.browse()
        lock_expired = self.browse()
        for partner, decision, metrics in results:
            if (
                partner.prm_tier_locked
                and partner.prm_tier_lock_until
                and partner.prm_tier_lock_until < today
            ):
                lock_expired |= partner
            if decision.changes_tier:
                target = Tier.browse(decision.target["id"]) if decision.target else Tier
                moves[target] |= partner
                kind = (
                    "promotion" if decision.action == tier_rules.PROMOTE else "demotion"
                )
                if decision.code == tier_rules.BY_LOCK:
                    kind = "lock"
                changes.append(
                    (
                        partner,
                        Tier.browse(decision.current["id"])
                        if decision.current
                        else Tier,
                        target,
                        kind,
                        self._prm_decision_reason(decision),
                        self._prm_metrics_snapshot(metrics, decision),
                    )
                )
            elif decision.action == tier_rules.WARN:
                warnings.append((partner, decision, metrics))
            elif decision.action == tier_rules.CANCEL:
                cancels |= partner
        if lock_expired:
            self.browse(lock_expired.ids)._prm_write_program_fields(
                {"prm_tier_locked": False, "prm_tier_lock_until": False}
            )
        for target, partners in moves.items():
            self.browse(partners.ids)._prm_write_program_fields(
                {
                    "prm_tier_id": target.id,
                    "prm_tier_demotion_date": False,
                    "prm_tier_demotion_target_id": False,
                }
            )
        if cancels:
            self.browse(cancels.ids)._prm_write_program_fields(
                {"prm_tier_demotion_date": False, "prm_tier_demotion_target_id": False}
            )
            self.env["mail.activity"].sudo().search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", cancels.ids),
                    (
                        "activity_type_id",
                        "=",
                        self.env.ref("prm_partner.mail_activity_type_tier_demotion").id,
                    ),
                ]
            ).unlink()
        if warnings:
            self._prm_warn_demotions(warnings)
        if changes:
            self._prm_log_tier_changes(changes)
            self.browse(
                [change[0].id for change in changes]
            )._prm_apply_tier_pricelists()
        # The date of the evaluation, on every evaluated partner: a stamp no
        # addon reacts to and no change of the partner (write_date stays), so
        # one UPDATE for all of them instead of the ORM's chunked writes.
        evaluated_ids = [result[0].id for result in results]
        if evaluated_ids:
            self.flush_model(["prm_tier_evaluated_on"])
            self.env.cr.execute(
                "UPDATE res_partner SET prm_tier_evaluated_on = %s WHERE id = ANY(%s)",
                [today, evaluated_ids],
            )
            self.browse(evaluated_ids).invalidate_recordset(["prm_tier_evaluated_on"])

    def _prm_decision_reason(self, decision):
        labels = self._prm_criterion_labels()
        if decision.code == tier_rules.BY_LOCK:
            return self.env._("Tier locked by a manager")
        if decision.code == tier_rules.QUALIFIED:
            return self.env._("Meets all criteria of the tier")
        unmet = [labels[c["criterion"]] for c in decision.criteria if not c["met"]]
        if unmet:
            return self.env._(
                "Criteria no longer met: %(criteria)s", criteria=", ".join(unmet)
            )
        return self.env._("No tier criteria met")

    def _prm_warn_demotions(self, warnings):
        """Announce demotions: due date, history row, activity for the manager, mail."""
        Tier = self.env["prm.tier"]
        activity_type = self.env.ref("prm_partner.mail_activity_type_tier_demotion")
        by_date = defaultdict(list)
        for partner, decision, _metrics in warnings:
            by_date[
                (
                    decision.demotion_date,
                    decision.target["id"] if decision.target else False,
                )
            ].append(partner.id)
        for (due, target_id), partner_ids in by_date.items():
            self.browse(partner_ids)._prm_write_program_fields(
                {
                    "prm_tier_demotion_date": due,
                    "prm_tier_demotion_target_id": target_id,
                }
            )
        self._prm_log_tier_changes(
            [
                (
                    partner,
                    partner.prm_tier_id,
                    Tier.browse(decision.target["id"]) if decision.target else Tier,
                    "warning",
                    self._prm_decision_reason(decision),
                    self._prm_metrics_snapshot(metrics, decision),
                )
                for partner, decision, metrics in warnings
            ]
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (partner.prm_manager_id or self.env.user).id,
                    "date_deadline": decision.demotion_date,
                    "summary": self.env._(
                        "Tier %(tier)s at risk: demotion on %(date)s",
                        tier=partner.prm_tier_id.name,
                        date=decision.demotion_date,
                    ),
                    "note": self._prm_decision_reason(decision),
                }
                for partner, decision, _metrics in warnings
            ]
        )
        template = self.env.ref(
            "prm_partner.mail_template_tier_demotion_warning", raise_if_not_found=False
        )
        if template:
            # one batch of queued mails, each kept as a log on its partner
            template.send_mail_batch(
                [partner.id for partner, _decision, _metrics in warnings],
                email_values={
                    "author_id": self.env.user.partner_id.id,
                    "is_notification": True,
                },
            )

    def action_prm_evaluate_tier(self):
        """Evaluate now: PRM users too, since evaluation only applies the
        program's rules to the partners they may read (a partner's own
        users never may)."""
        access.require(
            self.env,
            access.USER,
            self.env._("Only PRM users can evaluate the tier of a partner."),
        )
        self.check_access("read")
        results = self._prm_evaluate_tiers(apply=True)
        messages = [
            f"{partner.display_name}: {self._prm_decision_reason(decision)}"
            for partner, decision, _metrics in results
        ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Tier evaluation"),
                "message": "\n".join(messages) or self.env._("Nothing to evaluate."),
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_evaluate_tiers(self, domain=None):
        """Evaluate the channel partners not evaluated since the run began,
        in chunks (``prm.batch.runner``): the date of the run is the date
        it began, also when it resumes after a crash or a time limit."""
        return self.env["prm.batch.runner"]._prm_batch_run(
            "prm_partner.tier_evaluation",
            self,
            lambda started: self._prm_tier_run_domain(started) + (domain or []),
            self._prm_tier_run_chunk,
        )

    @api.model
    def _prm_tier_run_domain(self, started):
        run_date = fields.Date.context_today(self, started)
        return [
            ("prm_is_partner", "=", True),
            ("is_company", "=", True),
            "|",
            ("prm_tier_evaluated_on", "=", False),
            ("prm_tier_evaluated_on", "<", run_date),
        ]

    def _prm_tier_run_chunk(self, partners, started):
        results = partners._prm_evaluate_tiers(
            apply=True, today=fields.Date.context_today(self, started)
        )
        return sum(
            1
            for _partner, decision, _metrics in results
            if decision.changes_tier
            or decision.action in (tier_rules.WARN, tier_rules.CANCEL)
        )
