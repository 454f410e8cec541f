"""One run of a business day's batch at a time; the lock dies with the process that holds it."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from fulfilment.db import engine_for
from fulfilment.errors import LitcenterError

# PostgreSQL advisory locks are keyed by two integers: this one says "litcenter batch run".
_ADVISORY_SPACE = 0x4C43


class BatchRunning(LitcenterError):
    """Another process is running the batch of the same business day."""

    def __init__(self, business_date: date) -> None:
        super().__init__(
            f"another batch run for {business_date} is under way; wait for it to end, "
            "then run the batch again to see it finished"
        )


@contextmanager
def exclusive_batch_run(url: str, business_date: date) -> Iterator[None]:
    """Hold the day's batch lock for the block, or raise BatchRunning at once.

    PostgreSQL: a session advisory lock, shared by every machine on that server. SQLite: a
    byte-range lock on a file beside the database, shared by every process on this machine.
    Both are dropped by the server or the kernel when the holder dies, even by SIGKILL.
    """
    engine = engine_for(url)
    if engine.dialect.name == "sqlite":
        with _file_lock(make_url(url).database, business_date):
            yield
        return
    # Autocommit: a session idling in a transaction for the whole run could be ended by the
    # server's idle_in_transaction_session_timeout, and the lock with it.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        keys = {"space": _ADVISORY_SPACE, "day": business_date.toordinal()}
        if not connection.scalar(text("SELECT pg_try_advisory_lock(:space, :day)"), keys):
            raise BatchRunning(business_date)
        try:
            yield
        finally:
            connection.scalar(text("SELECT pg_advisory_unlock(:space, :day)"), keys)


@contextmanager
def _file_lock(database: str | None, business_date: date) -> Iterator[None]:
    if not database or database == ":memory:":
        # An in-memory database lives in one process, which cannot race itself.
        yield
        return
    path = Path(database)
    lock_path = path.with_name(f"{path.name}.batch-lock")
    with lock_path.open("a") as handle:
        try:
            # One byte per business day, so different days' batches do not wait for each other.
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, business_date.toordinal())
        except OSError:
            raise BatchRunning(business_date) from None
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN, 1, business_date.toordinal())
