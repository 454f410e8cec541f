"""Step 2, reserve: stock for every printed packet of the batch in one transaction."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from fulfilment.db import unit_of_work
from fulfilment.errors import NotFound
from fulfilment.models import Batch, Packet, PacketItem
from inventory.allocation import Outcome, Request, allocate_in
from inventory.lookup import items_by_code
from inventory.models import BACKORDERED, LiteratureItem


@dataclass(frozen=True)
class ReserveResult:
    """How the batch's literature was found: reserved, substituted, backordered."""

    reserved: int
    substituted: int
    backordered: int


def reserve_stock(url: str, batch_id: int) -> ReserveResult:
    """Allocate the printed packets' items; e-mailed packets travel as PDFs and take no stock.

    Earlier batches' backorders come first: each one the new stock fills goes out with this
    batch under separate cover.
    """
    with unit_of_work(url) as uow:
        session = uow.session
        batch = session.get(Batch, batch_id, with_for_update=True)
        if batch is None:
            raise NotFound(f"no batch {batch_id}; see 'litcenter batch list'")
        packets = session.scalars(
            select(Packet)
            .where(Packet.batch_id == batch_id)
            .options(selectinload(Packet.items))
            .order_by(Packet.position)
        ).all()
        if batch.status == "planned":
            _allocate(session, batch, packets)
            batch.status = "reserved"
            uow.commit()
        items = [item for packet in packets for item in packet.items]
        return ReserveResult(
            reserved=sum(item.status == "reserved" for item in items),
            substituted=sum(item.status == "substituted" for item in items),
            backordered=sum(item.status == "backordered" for item in items),
        )


def _allocate(session: Session, batch: Batch, packets: Sequence[Packet]) -> None:
    printed = [packet for packet in packets if packet.channel == "print"]
    requests = [
        Request(key=packet.number, code=item.requested_code, qty=item.qty)
        for packet in printed
        for item in packet.items
    ]
    result = allocate_in(session, requests)
    outcome = {(o.key, o.code): o for o in result.outcomes}
    filled = [*result.outcomes, *result.backorders_filled]
    substitutes = items_by_code(session, {o.filled_code for o in filled if o.filled_code})
    for packet in packets:
        for item in packet.items:
            if packet.channel != "print":
                item.status = "attached"
                continue
            _record(item, outcome[packet.number, item.requested_code], substitutes)
    _send_separately(session, batch, result.backorders_filled, substitutes)


def _record(item: PacketItem, found: Outcome, substitutes: dict[str, LiteratureItem]) -> None:
    """Write an allocation's outcome onto the packet item it was made for."""
    if found.status == BACKORDERED:
        item.status = "backordered"
    elif found.substituted and found.filled_code:
        stand_in = substitutes[found.filled_code]
        item.status, item.code, item.title = "substituted", stand_in.code, stand_in.title
        item.shelf, item.weight_g = stand_in.shelf, stand_in.weight_g or 0
    else:
        item.status = "reserved"


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
        select(PacketItem, Packet.number)
        .join(Packet, PacketItem.packet_id == Packet.id)
        .where(PacketItem.status == "backordered", Packet.number.in_({o.key for o in filled}))
    ).all()
    by_request = {(number, item.requested_code): item for item, number in owed}
    for found in filled:
        item = by_request.get((found.key, found.code))
        # Backorders made outside a batch (no packet of that number) have no item to send.
        if item is not None:
            _record(item, found, substitutes)
            item.sent_in_batch_id = batch.id
