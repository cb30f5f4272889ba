# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from conftest import load_logic

batch = load_logic("prm_partner").batch


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_chunk_size_defaults_and_bounds():
    assert batch.chunk_size(None) == batch.DEFAULT_CHUNK_SIZE
    assert batch.chunk_size("", 50) == 50
    assert batch.chunk_size("abc", 50) == 50
    assert batch.chunk_size(" 300 ") == 300
    assert batch.chunk_size("0") == 1
    assert batch.chunk_size("-5") == 1
    assert batch.chunk_size("999999") == batch.MAX_CHUNK_SIZE


def test_max_seconds_zero_means_no_budget():
    assert batch.max_seconds(None) == batch.DEFAULT_MAX_SECONDS
    assert batch.max_seconds("0") == 0
    assert batch.max_seconds("-3") == 0
    assert batch.max_seconds("15") == 15


def test_summary_counts_chunks_and_failures_once():
    summary = batch.Summary("job.key", clock=Clock())
    summary.add_chunk(range(1, 11), changed=4, failed_ids={7})
    summary.add_chunk(range(11, 21), changed=1)
    # a record failing again (retried in a later call) counts once
    summary.add_chunk([7], failed_ids={7})
    assert (summary.done, summary.changed, summary.failed, summary.chunks) == (
        19,
        5,
        1,
        3,
    )
    assert summary.failed_ids == {7}
    assert summary.ids == set(range(1, 21))


def test_summary_budget():
    clock = Clock()
    summary = batch.Summary("job.key", clock=clock)
    assert not summary.out_of_time(0)
    assert not summary.out_of_time(10)
    clock.now += 10
    assert summary.out_of_time(10)
    assert not summary.out_of_time(0)


def test_summary_line():
    clock = Clock()
    summary = batch.Summary("prm_partner.tier_evaluation", clock=clock)
    summary.add_chunk([4, 5, 6, 7], changed=2, failed_ids={5})
    summary.remaining = 4
    clock.now += 1.5
    message, args = summary.line()
    assert message % args == (
        "Batch job prm_partner.tier_evaluation: 3 records done, 2 changed, "
        "1 failed, 4 remaining, 1 chunks in 1.50s"
    )
