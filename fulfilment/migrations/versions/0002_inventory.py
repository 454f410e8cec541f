"""literature items, stock, ledger, allocations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "'brochure', 'catalogue', 'case-study', 'tech-sheet', 'bulletin', 'profile', 'price-list', 'supply'"


def upgrade() -> None:
    op.create_table(
        "literature_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("paper_size", sa.String(length=40), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=True),
        sa.Column("shelf", sa.String(length=40), nullable=False),
        sa.Column("reorder_point", sa.Integer(), nullable=False),
        sa.Column("reorder_qty", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(f"kind IN ({KINDS})", name="ck_literature_items_kind"),
        sa.CheckConstraint("status IN ('active', 'retired')", name="ck_literature_items_status"),
        sa.CheckConstraint(
            "reorder_point >= 0 AND reorder_qty >= 0", name="ck_literature_items_reorder"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "literature_products",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["literature_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.PrimaryKeyConstraint("item_id", "product_id"),
    )
    with op.batch_alter_table("literature_products", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_literature_products_product_id"), ["product_id"], unique=False
        )

    op.create_table(
        "literature_substitutes",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("substitute_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.CheckConstraint("item_id <> substitute_id", name="ck_substitutes_not_self"),
        sa.ForeignKeyConstraint(["item_id"], ["literature_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["substitute_id"], ["literature_items.id"]),
        sa.PrimaryKeyConstraint("item_id", "substitute_id"),
    )
    op.create_table(
        "literature_editions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("paper_size", sa.String(length=40), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["literature_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "edition"),
    )
    op.create_table(
        "stock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=10), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("reserved", sa.Integer(), nullable=False),
        sa.CheckConstraint("location IN ('shelf', 'reserve')", name="ck_stock_location"),
        sa.CheckConstraint("on_hand >= 0", name="ck_stock_on_hand"),
        sa.CheckConstraint("reserved >= 0 AND reserved <= on_hand", name="ck_stock_reserved"),
        sa.ForeignKeyConstraint(["item_id"], ["literature_items.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "location"),
    )
    op.create_table(
        "stock_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stock_id", sa.Integer(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("delta <> 0 OR kind = 'count'", name="ck_stock_ledger_delta"),
        sa.ForeignKeyConstraint(["stock_id"], ["stock.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("stock_ledger", schema=None) as batch_op:
        batch_op.create_index("ix_stock_ledger_kind_at", ["kind", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_ledger_ref"), ["ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_ledger_stock_id"), ["stock_id"], unique=False)

    op.create_table(
        "allocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_key", sa.String(length=100), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("filled_item_id", sa.Integer(), nullable=True),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("qty > 0", name="ck_allocations_qty"),
        sa.CheckConstraint(
            "status IN ('reserved', 'backordered', 'picked', 'released')",
            name="ck_allocations_status",
        ),
        sa.ForeignKeyConstraint(["filled_item_id"], ["literature_items.id"]),
        sa.ForeignKeyConstraint(["item_id"], ["literature_items.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_key", "item_id"),
    )
    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.create_index("ix_allocations_status_id", ["status", "id"], unique=False)

    op.create_table(
        "allocation_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allocation_id", sa.Integer(), nullable=False),
        sa.Column("stock_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.CheckConstraint("qty > 0", name="ck_allocation_lines_qty"),
        sa.ForeignKeyConstraint(["allocation_id"], ["allocations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["stock_id"], ["stock.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("allocation_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_allocation_lines_allocation_id"), ["allocation_id"], unique=False
        )


def downgrade() -> None:
    for table in (
        "allocation_lines",
        "allocations",
        "stock_ledger",
        "stock",
        "literature_editions",
        "literature_substitutes",
        "literature_products",
        "literature_items",
    ):
        op.drop_table(table)
