"""products no literature covered, publications no bulletin matched, bulletin aliases

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "uncovered_products",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("inquiry_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.PrimaryKeyConstraint("batch_id", "inquiry_id", "product_id"),
    )
    with op.batch_alter_table("uncovered_products", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_uncovered_products_product_id"), ["product_id"], unique=False
        )
    op.create_table(
        "unmatched_publications",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("inquiry_id", sa.Integer(), nullable=False),
        sa.Column("publication", sa.String(length=200), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.PrimaryKeyConstraint("batch_id", "inquiry_id"),
    )
    # A plain ALTER with a constant default, on SQLite too: batch mode would copy the table, and
    # dropping the old copy deletes every item's product links (ON DELETE CASCADE). Existing
    # items start with no aliases.
    op.add_column(
        "literature_items", sa.Column("aliases", sa.JSON(), nullable=False, server_default="[]")
    )


def downgrade() -> None:
    # In place for the same reason; SQLite 3.35+ and PostgreSQL can.
    op.execute("ALTER TABLE literature_items DROP COLUMN aliases")
    op.drop_table("unmatched_publications")
    with op.batch_alter_table("uncovered_products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uncovered_products_product_id"))
    op.drop_table("uncovered_products")
