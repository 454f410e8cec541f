"""inquiry rating from 1 to 10

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from fulfilment.errors import LitcenterError
from fulfilment.migrations.sqlite import foreign_keys_off_on_sqlite

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
        foreign_keys_off_on_sqlite(bind),
        op.batch_alter_table("inquiries", schema=None) as batch_op,
    ):
        batch_op.create_check_constraint(NAME, RULE)


def downgrade() -> None:
    with (
        foreign_keys_off_on_sqlite(op.get_bind()),
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
