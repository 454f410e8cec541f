"""status columns kept to their states; the unused batch summary column goes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from fulfilment.errors import LitcenterError
from fulfilment.migrations.sqlite import foreign_keys_off_on_sqlite

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The states as this revision knows them (fulfilment/states.py may grow later revisions).
STATES = {
    "inquiries": ("new", "held", "planned", "printed", "mailed"),
    "quarantined_rows": ("open", "accepted", "superseded"),
    "batches": ("planned", "reserved", "assembled", "committed"),
    "packets": ("planned", "printed", "mailed"),
    "packet_items": ("planned", "attached", "reserved", "substituted", "backordered", "picked"),
    "follow_ups": ("open",),
}


def _rule(states: tuple[str, ...]) -> str:
    return f"status IN ({', '.join(repr(state) for state in states)})"


def upgrade() -> None:
    bind = op.get_bind()
    _refuse_unknown_states(bind)
    with foreign_keys_off_on_sqlite(bind):
        for table, states in STATES.items():
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.create_check_constraint(f"ck_{table}_status", _rule(states))
        with op.batch_alter_table("batches", schema=None) as batch_op:
            batch_op.drop_column("summary")


def downgrade() -> None:
    with foreign_keys_off_on_sqlite(op.get_bind()):
        with op.batch_alter_table("batches", schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("summary", sa.JSON(), nullable=False, server_default="{}")
            )
        for table in STATES:
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.drop_constraint(f"ck_{table}_status", type_="check")


def _refuse_unknown_states(bind: sa.Connection) -> None:
    """Name the rows the checks would refuse, rather than fail on them with a traceback."""
    problems = []
    for table, states in STATES.items():
        found = bind.scalars(
            sa.text(f"SELECT DISTINCT status FROM {table} WHERE NOT ({_rule(states)})")
        ).all()
        if found:
            problems.append(f"{table}.status {', '.join(map(repr, sorted(found)))}")
    if problems:
        raise LitcenterError(
            f"rows in states this version does not know ({'; '.join(problems)}); set each to one "
            "of the states in fulfilment/states.py, then run 'litcenter init' again"
        )
