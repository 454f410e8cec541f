"""Changing a table's constraints on SQLite, where that means copying the table."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


@contextmanager
def foreign_keys_off_on_sqlite(bind: sa.Connection) -> Iterator[None]:
    """Copy a table on SQLite without its foreign keys firing; elsewhere, do nothing.

    SQLite changes a constraint by copying the table and dropping the old one, and with
    foreign keys on that drop deletes every event and product line of every inquiry (ON
    DELETE CASCADE). This follows SQLite's own recipe for such changes: keys off (which
    only works outside a transaction), the copy in a transaction of its own, the keys
    checked before it commits, and the keys back on.
    """
    if bind.dialect.name != "sqlite":
        yield
        return
    raw = bind.connection.dbapi_connection
    assert raw is not None, "Alembic runs on an open connection"
    # The revisions before the caller's are complete, so committing them here loses nothing.
    raw.commit()
    keys_were_on = raw.execute("PRAGMA foreign_keys").fetchone()[0]
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        raw.execute("BEGIN")
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        assert not broken, f"copying the table broke foreign keys: {broken}"
        raw.commit()
    finally:
        if raw.in_transaction:
            raw.rollback()
        raw.execute(f"PRAGMA foreign_keys={'ON' if keys_were_on else 'OFF'}")
