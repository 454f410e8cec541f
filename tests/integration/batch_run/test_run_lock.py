"""The day's batch lock: the same day twice is refused, other days are not, a kill frees it."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from fulfilment.batch.run_lock import BatchRunning, exclusive_batch_run

DAY = date(2026, 11, 24)

HOLDER = """
import sys, time
from datetime import date
from fulfilment.batch.run_lock import exclusive_batch_run
with exclusive_batch_run(sys.argv[1], date.fromisoformat(sys.argv[2])):
    print("held", flush=True)
    time.sleep(300)
"""


@contextmanager
def start_holder(database_url: str) -> Iterator[subprocess.Popen[str]]:
    """Another process taking the lock of DAY and keeping it, as a batch run in progress would."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, database_url, DAY.isoformat()],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.kill()
        process.wait()


@pytest.fixture
def holder(database_url: str) -> Iterator[subprocess.Popen[str]]:
    """A process that holds the lock of DAY."""
    with start_holder(database_url) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "held"
        yield process


def test_second_run_of_the_same_day_is_refused_in_one_line(
    database_url: str, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(BatchRunning) as refused, exclusive_batch_run(database_url, DAY):
        pytest.fail("the lock was granted twice")
    message = str(refused.value)
    assert message.startswith("another batch run for 2026-11-24 is under way")
    assert "run the batch again" in message and "\n" not in message


def test_another_day_runs_alongside(database_url: str, holder: subprocess.Popen[str]) -> None:
    entered = False
    with exclusive_batch_run(database_url, date(2026, 11, 25)):
        entered = True
    assert entered


def test_a_killed_holder_frees_the_day(database_url: str, holder: subprocess.Popen[str]) -> None:
    holder.kill()
    holder.wait()
    entered = False
    with exclusive_batch_run(database_url, DAY):
        entered = True
    assert entered


def test_a_finished_run_frees_the_day_for_another_process(database_url: str) -> None:
    with exclusive_batch_run(database_url, DAY):
        pass
    with start_holder(database_url) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "held"
