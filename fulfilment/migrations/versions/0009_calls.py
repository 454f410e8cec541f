"""follow-up calls keep their outcomes and history; the next call on the inquiry; handovers,
reps' calendars, literature unit costs and source costs

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from fulfilment.migrations.sqlite import foreign_keys_off_on_sqlite

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OUTCOMES = (
    "reached", "no answer", "left message", "not interested", "meeting set", "quote requested",
    "won", "lost",
)  # fmt: skip
# SQLite reflects the unique constraint 0003 left unnamed; this names it so it can be dropped.
NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
OPEN = sa.text("status = 'open'")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _unique_inquiry(dialect: str) -> str:
    """The name of 0003's one-call-per-inquiry constraint: PostgreSQL's, or the one NAMES gives."""
    return "follow_ups_inquiry_id_key" if dialect == "postgresql" else "uq_follow_ups_inquiry_id"


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "rep_handovers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("from_rep_id", sa.Integer(), sa.ForeignKey("reps.id"), nullable=False),
        sa.Column("to_rep_id", sa.Integer(), sa.ForeignKey("reps.id"), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("inquiries", sa.Integer(), nullable=False),
        sa.Column("territory", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_rep_handovers_from_rep_id", "rep_handovers", ["from_rep_id"])
    op.create_index("ix_rep_handovers_to_rep_id", "rep_handovers", ["to_rep_id"])
    op.create_table(
        "source_costs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("cost", sa.Numeric(14, 2), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("source", "detail", "month"),
    )
    with foreign_keys_off_on_sqlite(bind):
        # Copying reps and inquiries on SQLite would cascade-delete territories and timelines.
        with op.batch_alter_table("reps", schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("country", sa.String(length=2), nullable=False, server_default="")
            )
            batch_op.add_column(
                sa.Column("region", sa.String(length=10), nullable=False, server_default="")
            )
            batch_op.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
        with op.batch_alter_table("inquiries", schema=None) as batch_op:
            batch_op.add_column(sa.Column("next_call_on", sa.Date(), nullable=True))
            batch_op.add_column(
                sa.Column(
                    "next_call_rep_id",
                    sa.Integer(),
                    sa.ForeignKey("reps.id", name="fk_inquiries_next_call_rep_id"),
                    nullable=True,
                )
            )
            batch_op.add_column(
                sa.Column(
                    "next_call_reason", sa.String(length=200), nullable=False, server_default=""
                )
            )
            batch_op.create_index("ix_inquiries_next_call_on", ["next_call_on"])
        with op.batch_alter_table("literature_items", schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("unit_cost", sa.Numeric(10, 4), nullable=False, server_default="0")
            )
        with op.batch_alter_table("follow_ups", schema=None, naming_convention=NAMES) as batch_op:
            batch_op.drop_constraint(_unique_inquiry(bind.dialect.name), type_="unique")
            batch_op.drop_constraint("ck_follow_ups_status", type_="check")
            batch_op.create_check_constraint(
                "ck_follow_ups_status", _one_of("status", ("open", "done"))
            )
            batch_op.add_column(
                sa.Column("reason", sa.String(length=200), nullable=False, server_default="")
            )
            # Calls booked before this revision keep the date they were given.
            batch_op.add_column(
                sa.Column("basis", sa.String(length=10), nullable=False, server_default="logged")
            )
            batch_op.add_column(sa.Column("days", sa.Integer(), nullable=False, server_default="0"))
            batch_op.add_column(
                sa.Column("attempt", sa.Integer(), nullable=False, server_default="1")
            )
            batch_op.add_column(
                sa.Column(
                    "handed_from_rep_id",
                    sa.Integer(),
                    sa.ForeignKey("reps.id", name="fk_follow_ups_handed_from_rep_id"),
                    nullable=True,
                )
            )
            batch_op.add_column(sa.Column("outcome", sa.String(length=20), nullable=True))
            batch_op.add_column(sa.Column("notes", sa.Text(), nullable=False, server_default=""))
            batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column("amount", sa.Numeric(14, 2), nullable=True))
            batch_op.add_column(sa.Column("called_at", sa.DateTime(), nullable=True))
            batch_op.create_check_constraint("ck_follow_ups_outcome", _one_of("outcome", OUTCOMES))
            batch_op.create_check_constraint("ck_follow_ups_rating", "rating BETWEEN 1 AND 10")
            batch_op.create_check_constraint(
                "ck_follow_ups_basis", "basis IN ('received', 'printed', 'mailed', 'logged')"
            )
            batch_op.create_index("ix_follow_ups_inquiry_id", ["inquiry_id"])
            batch_op.create_index("ix_follow_ups_packet_id", ["packet_id"])
            batch_op.create_index("ix_follow_ups_rep_id", ["rep_id"])
            batch_op.create_index("ix_follow_ups_status_due", ["status", "due_on"])
    op.create_index(
        "uq_follow_ups_open_inquiry",
        "follow_ups",
        ["inquiry_id"],
        unique=True,
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )
    op.execute("UPDATE follow_ups SET reason = 'after mailing'")
    # The open call of each inquiry, its own or its packet's, onto the inquiry.
    for column, value in (
        ("next_call_on", "f.due_on"),
        ("next_call_rep_id", "f.rep_id"),
        ("next_call_reason", "f.reason"),
    ):
        op.execute(
            f"UPDATE inquiries SET {column} = COALESCE(("
            f"SELECT {value} FROM follow_ups f WHERE f.status = 'open' AND ("
            "f.inquiry_id = inquiries.id OR f.packet_id IN ("
            "SELECT p.packet_id FROM packet_inquiries p WHERE p.inquiry_id = inquiries.id)) "
            f"ORDER BY f.due_on, f.id LIMIT 1), {column})"
        )


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index("uq_follow_ups_open_inquiry", table_name="follow_ups")
    # The earlier schema holds one call per inquiry: each inquiry keeps its latest.
    op.execute(
        "DELETE FROM follow_ups WHERE id NOT IN ("
        "SELECT MAX(id) FROM follow_ups GROUP BY inquiry_id)"
    )
    op.execute("UPDATE follow_ups SET status = 'open'")
    with foreign_keys_off_on_sqlite(bind):
        with op.batch_alter_table("follow_ups", schema=None) as batch_op:
            for index in ("status_due", "rep_id", "packet_id", "inquiry_id"):
                batch_op.drop_index(f"ix_follow_ups_{index}")
            for check in ("basis", "rating", "outcome", "status"):
                batch_op.drop_constraint(f"ck_follow_ups_{check}", type_="check")
            if bind.dialect.name == "postgresql":
                batch_op.drop_constraint("fk_follow_ups_handed_from_rep_id", type_="foreignkey")
            for column in (
                "called_at", "amount", "rating", "notes", "outcome", "handed_from_rep_id",
                "attempt", "days", "basis", "reason",
            ):  # fmt: skip
                batch_op.drop_column(column)
            batch_op.create_check_constraint("ck_follow_ups_status", "status IN ('open')")
            batch_op.create_unique_constraint(_unique_inquiry(bind.dialect.name), ["inquiry_id"])
        with op.batch_alter_table("literature_items", schema=None) as batch_op:
            batch_op.drop_column("unit_cost")
        with op.batch_alter_table("inquiries", schema=None) as batch_op:
            batch_op.drop_index("ix_inquiries_next_call_on")
            if bind.dialect.name == "postgresql":
                batch_op.drop_constraint("fk_inquiries_next_call_rep_id", type_="foreignkey")
            batch_op.drop_column("next_call_reason")
            batch_op.drop_column("next_call_rep_id")
            batch_op.drop_column("next_call_on")
        with op.batch_alter_table("reps", schema=None) as batch_op:
            batch_op.drop_column("retired_at")
            batch_op.drop_column("region")
            batch_op.drop_column("country")
    op.drop_table("source_costs")
    op.drop_index("ix_rep_handovers_to_rep_id", table_name="rep_handovers")
    op.drop_index("ix_rep_handovers_from_rep_id", table_name="rep_handovers")
    op.drop_table("rep_handovers")
