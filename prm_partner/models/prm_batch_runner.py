# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The batch runner of the PRM crons.

A job gives the records still to process as a domain and a function that
processes some of them; processing a record must take it out of the domain
(a state change or a "processed on" stamp), which is how a killed run
resumes where it stopped. Per chunk the runner takes the first rows of the
domain with ``FOR UPDATE SKIP LOCKED``, so two workers running the same job
share the work and a partner a user is editing is left for later instead of
blocking or rolling back the run. A record that fails is logged, counted
and left in the domain; the others of its chunk are kept.

Run by the scheduler, the runner commits after each chunk and reports its
progress (``ir.cron._notify_progress``): the scheduler calls the job again
while records remain. Anywhere else (a button, a test) it runs every chunk
in the caller's transaction and commits nothing.
"""

import functools
import logging
import random
import time

import psycopg2
from psycopg2 import errorcodes

from odoo import api, fields, models
from odoo.modules import module as odoo_module
from odoo.tools import SQL

from ..logic import batch

_logger = logging.getLogger(__name__)

# Errors of a chunk that another transaction caused: the chunk is rolled
# back and taken again in a new transaction.
RETRYABLE = {
    errorcodes.SERIALIZATION_FAILURE,
    errorcodes.DEADLOCK_DETECTED,
    errorcodes.LOCK_NOT_AVAILABLE,
}
MAX_TRIES = 5


def _retryable(error):
    return isinstance(error, psycopg2.OperationalError) and (error.pgcode in RETRYABLE)


class PrmBatchRunner(models.AbstractModel):
    _name = "prm.batch.runner"
    _description = "PRM batch runner"

    @api.model
    def _prm_batch_run(
        self, job, records, domain, process, default_chunk_size=batch.DEFAULT_CHUNK_SIZE
    ):
        """Process the records of ``domain`` in chunks; return the summary.

        :param str job: the job's key, e.g. ``prm_partner.tier_evaluation``;
            settings ``<job>.chunk_size`` and ``<job>.max_seconds`` (time
            budget of a scheduler call, 0 for none) override the defaults.
        :param records: the model to search, with the env and context to
            use (``self.env["res.partner"].with_context(active_test=False)``)
        :param domain: the records still to process, or a function of the
            run's start (a UTC datetime, kept until the run is complete, so a
            run resumed the next day keeps its date) giving that domain
        :param process: ``process(records, started)`` processes a chunk and
            returns how many records it changed (or None); it must take them
            out of the domain
        :return: a :class:`logic.batch.Summary`
        """
        params = self.env["ir.config_parameter"].sudo()
        size = batch.chunk_size(
            params.get_param(f"{job}.chunk_size"), default_chunk_size
        )
        budget = batch.max_seconds(params.get_param(f"{job}.max_seconds"))
        commit = self._prm_batch_commits()
        summary = batch.Summary(job)
        started = self._prm_batch_try(commit, lambda: self._prm_batch_start(job))
        todo = list(domain(started) if callable(domain) else domain)
        last_id = 0
        while not summary.out_of_time(budget):
            chunk = self._prm_batch_try(
                commit,
                functools.partial(
                    self._prm_batch_chunk,
                    records,
                    todo,
                    last_id,
                    size,
                    process,
                    started,
                    commit,
                    summary,
                ),
            )
            if chunk is None:
                break
            ids, changed, failed_ids = chunk
            last_id = max(ids)
            summary.add_chunk(ids, changed, failed_ids)
        self._prm_batch_try(
            commit, functools.partial(self._prm_batch_end, job, records, todo, summary)
        )
        message, args = summary.line()
        _logger.info(message, *args)
        return summary

    def _prm_batch_commits(self):
        """Whether the runner commits per chunk: when the scheduler runs it
        (and not in a test), or when the caller says so."""
        forced = self.env.context.get("prm_batch_commit")
        if forced is not None:
            return bool(forced)
        return bool(self.env.context.get("ir_cron_progress_id")) and not (
            odoo_module.current_test
        )

    def _prm_batch_try(self, commit, step):
        """Run ``step``; when committing, take it again in a new transaction
        if another transaction made it fail (a row changed since this one
        began, a deadlock)."""
        for attempt in range(1, MAX_TRIES + 1):
            try:
                result = step()
                if commit:
                    # a transaction per chunk is the point of the runner
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                return result
            except psycopg2.OperationalError as error:
                if not commit or not _retryable(error) or attempt == MAX_TRIES:
                    raise
                self.env.cr.rollback()
                _logger.info("Batch step retried after %s", error.pgcode)
                time.sleep(random.uniform(0.05, 0.2) * attempt)

    def _prm_batch_start(self, job):
        """The start of the job's current run: now when no run is under way."""
        key = f"{job}.run_start"
        now = fields.Datetime.now()
        # plain SQL so that two workers starting at once keep one start
        self.env.cr.execute(
            """INSERT INTO ir_config_parameter
                   (key, value, create_uid, write_uid, create_date, write_date)
               VALUES (%s, %s, %s, %s, %s, %s)
               ON CONFLICT (key) DO NOTHING""",
            [key, fields.Datetime.to_string(now), self.env.uid, self.env.uid, now, now],
        )
        self.env.cr.execute(
            "SELECT value FROM ir_config_parameter WHERE key = %s", [key]
        )
        return fields.Datetime.to_datetime(self.env.cr.fetchone()[0])

    def _prm_batch_end(self, job, records, domain, summary):
        """Count what is left (records locked by others included); with
        nothing left the run is complete and the next one starts afresh."""
        left = [("id", "not in", list(summary.ids))] if summary.ids else []
        summary.remaining = records.search_count(domain + left)
        if not summary.remaining:
            self.env.cr.execute(
                "DELETE FROM ir_config_parameter WHERE key = %s", [f"{job}.run_start"]
            )
        self.env["ir.cron"]._notify_progress(
            done=summary.done, remaining=summary.remaining
        )

    def _prm_batch_take(self, records, domain, last_id, size):
        """Lock and return the next ``size`` records of ``domain`` after
        ``last_id`` that no other transaction holds."""
        self.env.flush_all()
        query = records._search(domain + [("id", ">", last_id)], order="id", limit=size)
        self.env.cr.execute(
            SQL(
                "%s FOR UPDATE OF %s SKIP LOCKED",
                query.select(),
                SQL.identifier(records._table),
            )
        )
        return records.browse([row[0] for row in self.env.cr.fetchall()])

    def _prm_batch_chunk(
        self, records, domain, last_id, size, process, started, commit, summary
    ):
        """Take and process one chunk: ``(ids, changed, failed_ids)``, or
        None when nothing is left to take."""
        chunk = self._prm_batch_take(records, domain, last_id, size)
        if not chunk:
            return None
        result = self._prm_batch_process(chunk, process, started, commit)
        # committed with the chunk: a crash after it is a partial run that
        # the scheduler runs again (the exact count comes at the end)
        self.env["ir.cron"]._notify_progress(
            done=summary.done + len(chunk) - len(result[2]), remaining=1
        )
        return result

    def _prm_batch_process(self, chunk, process, started, commit):
        try:
            with self.env.cr.savepoint():
                changed = process(chunk, started)
            return chunk.ids, int(changed or 0), set()
        except Exception as error:
            if commit and _retryable(error):
                raise
            if len(chunk) == 1:
                self._prm_batch_log_failure(chunk, error)
                return chunk.ids, 0, set(chunk.ids)
        # one record at a time, to keep the ones that work
        changed, failed_ids = 0, set()
        for record in chunk:
            try:
                with self.env.cr.savepoint():
                    changed += int(process(record, started) or 0)
            except Exception as error:
                if commit and _retryable(error):
                    raise
                self._prm_batch_log_failure(record, error)
                failed_ids.add(record.id)
        return chunk.ids, changed, failed_ids

    def _prm_batch_log_failure(self, record, error):
        _logger.warning("Batch job failed on %s: %s", record, error, exc_info=error)
