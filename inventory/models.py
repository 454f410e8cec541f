"""Tables of the stock system: literature items, stock per location, the ledger and allocations."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fulfilment.db import Base
from inventory.kinds import KINDS, LOCATIONS

ITEM_STATUSES = ("active", "retired")
ALLOCATION_STATUSES = ("reserved", "backordered", "picked", "released")
RESERVED, BACKORDERED, PICKED, RELEASED = ALLOCATION_STATUSES


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class LiteratureItem(Base):
    """A brochure, catalogue, sheet or supply that is kept in stock and mailed or used."""

    __tablename__ = "literature_items"
    __table_args__ = (
        CheckConstraint(_one_of("kind", KINDS), name="ck_literature_items_kind"),
        CheckConstraint(_one_of("status", ITEM_STATUSES), name="ck_literature_items_status"),
        CheckConstraint(
            "reorder_point >= 0 AND reorder_qty >= 0", name="ck_literature_items_reorder"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    edition: Mapped[int] = mapped_column(default=0)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    page_count: Mapped[int | None]
    paper_size: Mapped[str] = mapped_column(String(40), default="")
    weight_g: Mapped[int | None]
    # What one copy costs to print, for what a packet and a source cost.
    unit_cost: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=Decimal(0))
    shelf: Mapped[str] = mapped_column(String(40), default="")
    reorder_point: Mapped[int] = mapped_column(default=0)
    reorder_qty: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="active")
    # Other names a bulletin goes by, as inquirers write them ("Pump Digest 11/26").
    aliases: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    products: Mapped[list["LiteratureProduct"]] = relationship(
        cascade="all, delete-orphan", order_by="LiteratureProduct.position"
    )
    substitutes: Mapped[list["Substitute"]] = relationship(
        cascade="all, delete-orphan",
        order_by="Substitute.rank",
        foreign_keys="Substitute.item_id",
    )
    stock: Mapped[list["Stock"]] = relationship(order_by="Stock.id")


class LiteratureProduct(Base):
    """A product a literature item covers; inquiries about it get this item."""

    __tablename__ = "literature_products"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("literature_items.id", ondelete="CASCADE"), primary_key=True
    )
    # The foreign key to products.id is declared in migration 0002 only: inventory does not
    # import the foundation's models, and the ORM could not resolve it without them.
    product_id: Mapped[int] = mapped_column(primary_key=True, index=True)
    position: Mapped[int]


class Substitute(Base):
    """An item that may go out instead of another when that one is short, best first."""

    __tablename__ = "literature_substitutes"
    __table_args__ = (CheckConstraint("item_id <> substitute_id", name="ck_substitutes_not_self"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("literature_items.id", ondelete="CASCADE"), primary_key=True
    )
    substitute_id: Mapped[int] = mapped_column(ForeignKey("literature_items.id"), primary_key=True)
    rank: Mapped[int]

    substitute: Mapped[LiteratureItem] = relationship(foreign_keys=[substitute_id])


class Edition(Base):
    """One uploaded PDF of an item; the item carries the newest."""

    __tablename__ = "literature_editions"
    __table_args__ = (UniqueConstraint("item_id", "edition"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("literature_items.id", ondelete="CASCADE"))
    edition: Mapped[int]
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    page_count: Mapped[int]
    paper_size: Mapped[str] = mapped_column(String(40))
    uploaded_at: Mapped[datetime]


class Stock(Base):
    """The counters of one item at one location; the ledger is their history and their proof."""

    __tablename__ = "stock"
    __table_args__ = (
        UniqueConstraint("item_id", "location"),
        CheckConstraint(_one_of("location", LOCATIONS), name="ck_stock_location"),
        CheckConstraint("on_hand >= 0", name="ck_stock_on_hand"),
        CheckConstraint("reserved >= 0 AND reserved <= on_hand", name="ck_stock_reserved"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("literature_items.id"))
    location: Mapped[str] = mapped_column(String(10))
    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)


class LedgerEntry(Base):
    """One movement of stock at one location: receipt, pick, transfer, adjustment, count, use."""

    __tablename__ = "stock_ledger"
    __table_args__ = (
        # A count that confirms the figure is kept too: it proves someone counted.
        CheckConstraint("delta <> 0 OR kind = 'count'", name="ck_stock_ledger_delta"),
        Index("ix_stock_ledger_kind_at", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"), index=True)
    delta: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    ref: Mapped[str | None] = mapped_column(String(200), index=True)
    at: Mapped[datetime]


class Allocation(Base):
    """What one request (a packet's key and an item) got: units reserved, a backorder, or done."""

    __tablename__ = "allocations"
    __table_args__ = (
        UniqueConstraint("request_key", "item_id"),
        CheckConstraint("qty > 0", name="ck_allocations_qty"),
        CheckConstraint(_one_of("status", ALLOCATION_STATUSES), name="ck_allocations_status"),
        Index("ix_allocations_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_key: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[int] = mapped_column(ForeignKey("literature_items.id"))
    filled_item_id: Mapped[int | None] = mapped_column(ForeignKey("literature_items.id"))
    qty: Mapped[int]
    status: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    lines: Mapped[list["AllocationLine"]] = relationship(
        cascade="all, delete-orphan", order_by="AllocationLine.id"
    )


class AllocationLine(Base):
    """The units of an allocation held at one stock location."""

    __tablename__ = "allocation_lines"
    __table_args__ = (CheckConstraint("qty > 0", name="ck_allocation_lines_qty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(
        ForeignKey("allocations.id", ondelete="CASCADE"), index=True
    )
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"))
    qty: Mapped[int]
