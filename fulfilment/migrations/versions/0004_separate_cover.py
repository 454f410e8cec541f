"""backordered packet items sent under separate cover by a later batch

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("packet_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sent_in_batch_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_packet_items_sent_in_batch_id"), ["sent_in_batch_id"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_packet_items_sent_in_batch_id_batches", "batches", ["sent_in_batch_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("packet_items", schema=None) as batch_op:
        batch_op.drop_constraint("fk_packet_items_sent_in_batch_id_batches", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_packet_items_sent_in_batch_id"))
        batch_op.drop_column("sent_in_batch_id")
