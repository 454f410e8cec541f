"""inquiry rating from 1 to 10

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from fulfilment.errors import LitcenterError

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ck_inquiries_rating"
RULE = "rating BETWEEN 1 AND 10"


def upgrade() -> None:
    bind = op.get_bind()
    _refuse_ratings_out_of_range(bind)
    with (
        _foreign_keys_off_on_sqlite(bind),
        op.batch_alter_table("inquiries", schema=None) as batch_op,
    ):
        batch_op.create_check_constraint(NAME, RULE)


def downgrade() -> None:
    with (
        _foreign_keys_off_on_sqlite(op.get_bind()),
        op.batch_alter_table("inquiries", schema=None) as batch_op,
    ):
        batch_op.drop_constraint(NAME, type_="check")


def _refuse_ratings_out_of_range(bind: sa.Connection) -> None:
    """Name the inquiries the check would refuse, rather than fail on them with a traceback."""
    ids = bind.scalars(
        sa.text("SELECT id FROM inquiries WHERE rating NOT BETWEEN 1 AND 10 ORDER BY id")
    ).all()
    if ids:
        shown = ", ".join(str(i) for i in ids[:10]) + (" ..." if len(ids) > 10 else "")
        raise LitcenterError(
            f"{len(ids)} inquiry rating(s) outside 1 to 10 (inquiry ids {shown}); set each to "
            "a rating from 1 to 10 or to empty (NULL), then run 'litcenter init' again"
        )


@contextmanager
def _foreign_keys_off_on_sqlite(bind: sa.Connection) -> Iterator[None]:
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
    # The revisions before this one are complete, so committing them here loses nothing.
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
