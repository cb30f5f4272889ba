# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Database-free part of the batch runner of the crons.

The runner (``models/prm_batch_runner.py``) takes the rows of a chunk with
``FOR UPDATE SKIP LOCKED``, processes them and commits; what it decides
without a database lives here: the chunk size read from a setting, when to
stop a call, and the one summary line of a run.
"""

import time

DEFAULT_CHUNK_SIZE = 200
MAX_CHUNK_SIZE = 10000
# Stop a call after this long and let the scheduler call again, well before
# the default real-time limit of a worker (120 s) kills it.
DEFAULT_MAX_SECONDS = 60


def setting_int(value, default, minimum=1, maximum=None):
    """An integer setting from its text (an ``ir.config_parameter`` value).

    Empty or unreadable text gives ``default``; numbers are kept within
    ``minimum`` and ``maximum``.
    """
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = default
    number = max(number, minimum)
    if maximum is not None:
        number = min(number, maximum)
    return number


def chunk_size(value, default=DEFAULT_CHUNK_SIZE):
    """The chunk size of a job from its setting, between 1 and 10,000."""
    return setting_int(value, default, minimum=1, maximum=MAX_CHUNK_SIZE)


def max_seconds(value, default=DEFAULT_MAX_SECONDS):
    """The time budget of one call in seconds; 0 means no budget."""
    return setting_int(value, default, minimum=0)


class Summary:
    """Counters of one run of a job and its summary line."""

    def __init__(self, job, clock=time.monotonic):
        self.job = job
        self._clock = clock
        self.started = clock()
        self.done = 0
        self.changed = 0
        self.failed = 0
        self.chunks = 0
        self.remaining = 0
        self.failed_ids = set()
        self.ids = set()

    def add_chunk(self, ids, changed=0, failed_ids=()):
        """Count a processed chunk: the records ``ids`` taken, ``changed`` of
        them changed, ``failed_ids`` of them failed."""
        failed_ids = set(failed_ids)
        self.ids.update(ids)
        self.chunks += 1
        self.done += len(set(ids) - failed_ids)
        self.changed += changed
        self.failed += len(failed_ids - self.failed_ids)
        self.failed_ids |= failed_ids

    @property
    def seconds(self):
        return self._clock() - self.started

    def out_of_time(self, budget):
        """Whether a call with a budget of ``budget`` seconds (0: none) must
        stop before its next chunk."""
        return bool(budget) and self.seconds >= budget

    def line(self):
        """The log line of the run (a format string and its arguments)."""
        return (
            "Batch job %s: %s records done, %s changed, %s failed, "
            "%s remaining, %s chunks in %.2fs",
            (
                self.job,
                self.done,
                self.changed,
                self.failed,
                self.remaining,
                self.chunks,
                self.seconds,
            ),
        )
