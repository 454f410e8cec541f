"""The schema migrates on both databases, idempotently, with SQLite's safety settings on."""

from sqlalchemy import inspect, text

from fulfilment.db import engine_for
from fulfilment.schema import current_revision, head_revision, migrate


def test_migrate_creates_every_table_and_is_idempotent(database_url: str) -> None:
    assert current_revision(database_url) == head_revision()
    assert migrate(database_url) == head_revision()
    tables = set(inspect(engine_for(database_url)).get_table_names())
    assert {"contacts", "inquiries", "products", "reps", "quarantined_rows", "events"} <= tables


def test_sqlite_uses_wal_and_enforces_foreign_keys(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    migrate(url)
    with engine_for(url).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
