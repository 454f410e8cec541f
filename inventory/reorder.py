"""Stock levels, what runs low, days of cover, and the reorder report."""

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from inventory.demand import daily_demand
from inventory.models import BACKORDERED, Allocation, LedgerEntry, LiteratureItem, Stock


@dataclass(frozen=True)
class StockLine:
    """One item's stock: totals over shelf and reserve, and whether it is time to reorder."""

    code: str
    title: str
    kind: str
    status: str
    on_hand: int
    reserved: int
    available: int
    on_shelf: int
    in_reserve: int
    backordered: int
    reorder_point: int
    reorder_qty: int
    low: bool
    counted: bool
    daily_demand: float
    days_of_cover: float | None
    shelf: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ReorderLine:
    """An item to reprint or restock, how many, and why."""

    code: str
    title: str
    kind: str
    available: int
    backordered: int
    reorder_point: int
    days_of_cover: float | None
    order_qty: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def stock_levels(
    session: Session, *, include_retired: bool = False, now: datetime
) -> list[StockLine]:
    """Every item's stock by code; low when available is at or below the reorder point."""
    query = select(LiteratureItem).options(selectinload(LiteratureItem.stock))
    if not include_retired:
        query = query.where(LiteratureItem.status == "active")
    items = session.scalars(query.order_by(LiteratureItem.code)).all()
    rates = daily_demand(session, now)
    owed = (
        select(Allocation.item_id, func.sum(Allocation.qty))
        .where(Allocation.status == BACKORDERED)
        .group_by(Allocation.item_id)
    )
    waiting = {item_id: int(total) for item_id, total in session.execute(owed)}
    counted = set(
        session.scalars(
            select(Stock.item_id).where(Stock.id.in_(select(LedgerEntry.stock_id).distinct()))
        )
    )
    return [
        _line(item, rate=rates.get(item.id, 0.0), backordered=waiting.get(item.id, 0),
              counted=item.id in counted)
        for item in items
    ]  # fmt: skip


def reorder_report(session: Session, *, now: datetime) -> list[ReorderLine]:
    """Active items that are low or owe backorders, shortest cover first."""
    lines = [line for line in stock_levels(session, now=now) if line.low or line.backordered]
    lines.sort(key=lambda line: (line.days_of_cover is None, line.days_of_cover or 0, line.code))
    return [_reorder(line) for line in lines]


def _line(item: LiteratureItem, *, rate: float, backordered: int, counted: bool) -> StockLine:
    by_location = {row.location: row for row in item.stock}
    on_hand = sum(row.on_hand for row in item.stock)
    reserved = sum(row.reserved for row in item.stock)
    available = on_hand - reserved
    return StockLine(
        code=item.code,
        title=item.title,
        kind=item.kind,
        status=item.status,
        on_hand=on_hand,
        reserved=reserved,
        available=available,
        on_shelf=by_location["shelf"].on_hand,
        in_reserve=by_location["reserve"].on_hand,
        backordered=backordered,
        reorder_point=item.reorder_point,
        reorder_qty=item.reorder_qty,
        low=available <= item.reorder_point,
        counted=counted,
        daily_demand=round(rate, 2),
        days_of_cover=round(available / rate, 1) if rate else None,
        shelf=item.shelf,
    )


def _reorder(line: StockLine) -> ReorderLine:
    reasons = []
    if line.low:
        reasons.append(f"{line.available} available, reorder point {line.reorder_point}")
    if line.backordered:
        reasons.append(f"{line.backordered} copies owed to waiting packets")
    if not line.counted:
        reasons.append("never counted")
    needed = line.reorder_point + line.backordered - line.available
    return ReorderLine(
        code=line.code,
        title=line.title,
        kind=line.kind,
        available=line.available,
        backordered=line.backordered,
        reorder_point=line.reorder_point,
        days_of_cover=line.days_of_cover,
        order_qty=max(line.reorder_qty, needed),
        reason="; ".join(reasons),
    )
