"""Step 2, reserve: stock for every printed packet of the batch in one transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from fulfilment.batch.lookup import require_batch
from fulfilment.db import UnitOfWork
from fulfilment.models import Batch, Packet, PacketItem
from fulfilment.states import BatchStatus, ItemStatus
from inventory.allocation import Outcome, Request, allocate, lock_for_codes
from inventory.lookup import items_by_code
from inventory.models import BACKORDERED, LiteratureItem

# Packets allocated at a time, inside the one transaction: memory stays at one slice's
# requests and outcomes however many packets the day has.
_SLICE_PACKETS = 2_000
# Core statements take a Table; the ORM types a mapped class's __table__ as a FromClause.
_PACKET_ITEM_TABLE = cast(Table, PacketItem.__table__)


@dataclass(frozen=True)
class ReserveResult:
    """How the batch's literature was found: reserved, substituted, backordered."""

    reserved: int
    substituted: int
    backordered: int


def reserve_stock(uow: UnitOfWork, batch_id: int, *, now: datetime) -> ReserveResult:
    """Allocate the printed packets' items; e-mailed packets travel as PDFs and take no stock.

    Earlier batches' backorders come first: each one the new stock fills goes out with this
    batch under separate cover.
    """
    session = uow.session
    batch = require_batch(session, batch_id, for_update=True)
    planned = batch.status == BatchStatus.PLANNED
    if planned:
        _allocate(session, batch, now=now)
        batch.status = BatchStatus.RESERVED
    counts = dict(
        session.execute(
            select(PacketItem.status, func.count())
            .join(Packet, PacketItem.packet_id == Packet.id)
            .where(Packet.batch_id == batch_id)
            .group_by(PacketItem.status)
        ).all()
    )
    if planned:
        uow.commit()
    return ReserveResult(
        reserved=counts.get(ItemStatus.RESERVED, 0),
        substituted=counts.get(ItemStatus.SUBSTITUTED, 0),
        backordered=counts.get(ItemStatus.BACKORDERED, 0),
    )


def _allocate(session: Session, batch: Batch, *, now: datetime) -> None:
    in_batch = Packet.batch_id == batch.id
    lock_for_codes(
        session,
        session.scalars(
            select(PacketItem.requested_code)
            .join(Packet, PacketItem.packet_id == Packet.id)
            .where(in_batch, Packet.channel == "print", PacketItem.status == ItemStatus.PLANNED)
            .distinct()
        ),
    )
    last = session.scalar(select(func.max(Packet.position)).where(in_batch)) or 0
    # In packet order, slice after slice: each takes what the slices before it left, so the
    # outcome is the one a single pass over the whole batch would give. A day without packets
    # still gets its pass: earlier batches' backorders are filled there first.
    for start in range(0, max(last, 1), _SLICE_PACKETS):
        _allocate_slice(
            session,
            batch,
            Packet.position > start,
            Packet.position <= start + _SLICE_PACKETS,
            now=now,
        )


def _allocate_slice(
    session: Session, batch: Batch, *where: ColumnElement[bool], now: datetime
) -> None:
    # Plain rows, not Packet and PacketItem objects: building thousands of those is the cost.
    items = session.execute(
        select(PacketItem.id, PacketItem.requested_code, PacketItem.qty, Packet.number,
               Packet.channel)
        .join(Packet, PacketItem.packet_id == Packet.id)
        .where(Packet.batch_id == batch.id, PacketItem.status == ItemStatus.PLANNED, *where)
        .order_by(Packet.position, PacketItem.id)
    ).all()  # fmt: skip
    printed = [item for item in items if item.channel == "print"]
    result = allocate(
        session,
        [Request(key=item.number, code=item.requested_code, qty=item.qty) for item in printed],
        now=now,
    )
    outcome = {(o.key, o.code): o for o in result.outcomes}
    filled = [*result.outcomes, *result.backorders_filled]
    substitutes = items_by_code(session, {o.filled_code for o in filled if o.filled_code})
    changes = [
        _record(item.id, outcome[item.number, item.requested_code], substitutes)
        if item.channel == "print"
        else {"id": item.id, "status": ItemStatus.ATTACHED}
        for item in items
    ]
    _update_items(session, changes)
    _send_separately(session, batch, result.backorders_filled, substitutes)


def _record(item_id: int, found: Outcome, substitutes: dict[str, LiteratureItem]) -> dict[str, Any]:
    """An allocation's outcome as the changes to the packet item it was made for."""
    if found.status == BACKORDERED:
        return {"id": item_id, "status": ItemStatus.BACKORDERED}
    if found.substituted and found.filled_code:
        stand_in = substitutes[found.filled_code]
        return {"id": item_id, "status": ItemStatus.SUBSTITUTED, "code": stand_in.code,
                "title": stand_in.title, "shelf": stand_in.shelf,
                "weight_g": stand_in.weight_g or 0}  # fmt: skip
    return {"id": item_id, "status": ItemStatus.RESERVED}


def _update_items(session: Session, changes: Sequence[dict[str, Any]]) -> None:
    """A Core executemany by primary key per set of columns changed: no ORM per row."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for change in changes:
        by_columns.setdefault(tuple(change), []).append(change)
    for columns, group in by_columns.items():
        # Bind names differ from the column names, which the SET clause keeps for itself.
        statement = (
            update(_PACKET_ITEM_TABLE)
            .where(_PACKET_ITEM_TABLE.c.id == bindparam("_id"))
            .values({column: bindparam(f"_{column}") for column in columns if column != "id"})
        )
        session.execute(
            statement, [{f"_{column}": value for column, value in c.items()} for c in group]
        )


def _send_separately(
    session: Session,
    batch: Batch,
    filled: Sequence[Outcome],
    substitutes: dict[str, LiteratureItem],
) -> None:
    """Earlier packets' backorders the stock now fills travel with this batch."""
    if not filled:
        return
    owed = session.execute(
        select(PacketItem.id, PacketItem.requested_code, Packet.number)
        .join(Packet, PacketItem.packet_id == Packet.id)
        .where(
            PacketItem.status == ItemStatus.BACKORDERED, Packet.number.in_({o.key for o in filled})
        )
    ).all()
    by_request = {(number, code): item_id for item_id, code, number in owed}
    changes = []
    for found in filled:
        item_id = by_request.get((found.key, found.code))
        # Backorders made outside a batch (no packet of that number) have no item to send.
        if item_id is not None:
            changes.append({**_record(item_id, found, substitutes), "sent_in_batch_id": batch.id})
    _update_items(session, changes)
