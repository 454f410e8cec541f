"""a packet answers every waiting inquiry of its contact; items remember edition and skips

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from fulfilment.migrations.sqlite import foreign_keys_off_on_sqlite

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ITEM_STATES = (
    "planned", "attached", "reserved", "substituted", "backordered", "picked", "skipped",
)  # fmt: skip
ITEM_STATES_BEFORE = ITEM_STATES[:-1]


def _rule(states: tuple[str, ...]) -> str:
    return f"status IN ({', '.join(repr(state) for state in states)})"


def upgrade() -> None:
    op.create_table(
        "packet_inquiries",
        sa.Column(
            "packet_id",
            sa.Integer(),
            sa.ForeignKey("packets.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("inquiry_id", sa.Integer(), sa.ForeignKey("inquiries.id"), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("inquiry_id", name="uq_packet_inquiries_inquiry_id"),
    )
    # Every packet so far answered the one inquiry it names.
    op.execute(
        "INSERT INTO packet_inquiries (packet_id, inquiry_id, position) "
        "SELECT id, inquiry_id, 1 FROM packets"
    )
    with foreign_keys_off_on_sqlite(op.get_bind()):
        # Copying inquiries on SQLite would cascade-delete their timelines with keys on.
        with op.batch_alter_table("inquiries", schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("resend_all", sa.Boolean(), nullable=False, server_default=sa.false())
            )
            batch_op.add_column(
                sa.Column("resend_codes", sa.JSON(), nullable=False, server_default="[]")
            )
        with op.batch_alter_table("packet_items", schema=None) as batch_op:
            # Unknown for items planned before this revision: they count as the current one.
            batch_op.add_column(sa.Column("edition", sa.Integer(), nullable=True))
            batch_op.add_column(
                sa.Column("new_edition", sa.Boolean(), nullable=False, server_default=sa.false())
            )
            batch_op.add_column(sa.Column("already_sent_on", sa.Date(), nullable=True))
            batch_op.drop_constraint("ck_packet_items_status", type_="check")
            batch_op.create_check_constraint("ck_packet_items_status", _rule(ITEM_STATES))


def downgrade() -> None:
    with foreign_keys_off_on_sqlite(op.get_bind()):
        with op.batch_alter_table("packet_items", schema=None) as batch_op:
            batch_op.drop_constraint("ck_packet_items_status", type_="check")
            batch_op.drop_column("already_sent_on")
            batch_op.drop_column("new_edition")
            batch_op.drop_column("edition")
        op.execute("DELETE FROM packet_items WHERE status = 'skipped'")
        with op.batch_alter_table("packet_items", schema=None) as batch_op:
            batch_op.create_check_constraint("ck_packet_items_status", _rule(ITEM_STATES_BEFORE))
        # Copying inquiries on SQLite would cascade-delete their timelines with keys on.
        with op.batch_alter_table("inquiries", schema=None) as batch_op:
            batch_op.drop_column("resend_codes")
            batch_op.drop_column("resend_all")
        op.drop_table("packet_inquiries")
