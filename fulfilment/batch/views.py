"""Read-only views of batches and packets for the CLI, the flow's summary and the web."""

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from fulfilment.batch.lookup import require_batch
from fulfilment.models import (
    Batch,
    BatchHold,
    Packet,
    PacketInquiry,
    PacketItem,
    Product,
    UncoveredProduct,
    UnmatchedPublication,
)
from fulfilment.states import ItemStatus


def batch_summary(session: Session, batch_id: int) -> dict[str, Any]:
    """Counts of a batch: packets, the inquiries they answer, holds, backordered items, packets
    per postage class."""
    batch = require_batch(session, batch_id)
    classes = printed_by(session, batch_id, Packet.postage_class)
    return {
        "batch_id": batch.id,
        "date": batch.business_date.isoformat(),
        "status": batch.status,
        "packets": session.scalar(
            select(func.count()).select_from(Packet).where(Packet.batch_id == batch_id)
        ),
        "inquiries_answered": session.scalar(
            select(func.count())
            .select_from(PacketInquiry)
            .join(Packet)
            .where(Packet.batch_id == batch_id)
        ),
        "held": session.scalar(
            select(func.count()).select_from(BatchHold).where(BatchHold.batch_id == batch_id)
        ),
        "backordered": session.scalar(
            select(func.count())
            .select_from(PacketItem)
            .join(Packet)
            .where(Packet.batch_id == batch_id, PacketItem.status == ItemStatus.BACKORDERED)
        ),
        "separate_cover": session.scalar(
            select(func.count())
            .select_from(PacketItem)
            .where(PacketItem.sent_in_batch_id == batch_id)
        ),
        "by_postage": dict(sorted(classes.items())),
    }


def batch_list(session: Session) -> list[dict[str, Any]]:
    """Every batch, newest first, with its counts."""
    ids = session.scalars(select(Batch.id).order_by(Batch.business_date.desc())).all()
    return [batch_summary(session, batch_id) for batch_id in ids]


def _packet(packet: Packet) -> dict[str, Any]:
    return {
        "number": packet.number,
        "inquiry_id": packet.inquiry_id,
        "external_id": packet.inquiry.external_id,
        "inquiry_ids": [inquiry.id for inquiry in packet.inquiries],
        "external_ids": [inquiry.external_id for inquiry in packet.inquiries],
        "channel": packet.channel,
        "status": packet.status,
        "envelope": packet.envelope,
        "weight_g": packet.weight_g,
        "postage_class": packet.postage_class,
        "mailed_at": packet.mailed_at.isoformat() if packet.mailed_at else None,
        "follow_up": sorted(gap.product.code for gap in packet.uncovered),
        "items": [
            {"code": item.code, "requested_code": item.requested_code, "qty": item.qty,
             "status": item.status,
             **({"already_sent": item.already_sent_on.isoformat()}
                if item.already_sent_on else {}),
             **({"new_edition": True} if item.new_edition else {})}
            for item in packet.items
        ],
    }  # fmt: skip


def batch_show(session: Session, batch_id: int) -> dict[str, Any]:
    """A batch with every packet and hold."""
    summary = batch_summary(session, batch_id)
    batch = session.get(
        Batch,
        batch_id,
        options=[
            selectinload(Batch.packets).selectinload(Packet.items),
            selectinload(Batch.packets).selectinload(Packet.inquiry),
            selectinload(Batch.packets)
            .selectinload(Packet.answers)
            .selectinload(PacketInquiry.inquiry),
            selectinload(Batch.packets)
            .selectinload(Packet.uncovered_records)
            .selectinload(UncoveredProduct.product),
            selectinload(Batch.holds),
        ],
    )
    assert batch is not None
    return {
        **summary,
        "out_dir": batch.out_dir,
        "packets": [_packet(packet) for packet in batch.packets],
        "holds": [{"inquiry_id": h.inquiry_id, "reason": h.reason} for h in batch.holds],
        "separate_cover": _separate_cover(session, batch_id),
    }


def printed_by(session: Session, batch_id: int, column: InstrumentedAttribute[str]) -> Counter[str]:
    """The batch's printed packets counted per value of one of their columns."""
    return Counter(
        dict(
            session.execute(
                select(column, func.count())
                .where(Packet.batch_id == batch_id, Packet.channel == "print")
                .group_by(column)
            ).all()
        )
    )


def owed_by_earlier_packet(batch_id: int) -> ColumnElement[bool]:
    """Packets whose owed items this batch sends under separate cover, as a condition."""
    return Packet.id.in_(
        select(PacketItem.packet_id).where(PacketItem.sent_in_batch_id == batch_id)
    )


def separate_cover_items(session: Session, batch_id: int) -> list[tuple[str, int, PacketItem]]:
    """Items earlier packets owed that this batch sends: (packet number, inquiry id, item)."""
    rows = session.execute(
        select(Packet.number, Packet.inquiry_id, PacketItem)
        .join(PacketItem, PacketItem.packet_id == Packet.id)
        .where(PacketItem.sent_in_batch_id == batch_id)
        .order_by(Packet.number, PacketItem.id)
    ).all()
    return [(number, inquiry_id, item) for number, inquiry_id, item in rows]


def _separate_cover(session: Session, batch_id: int) -> list[dict[str, Any]]:
    return [
        {"packet": number, "inquiry_id": inquiry_id, "code": item.code,
         "requested_code": item.requested_code, "qty": item.qty, "status": item.status}
        for number, inquiry_id, item in separate_cover_items(session, batch_id)
    ]  # fmt: skip


def plan_warnings(session: Session, batch_id: int) -> list[str]:
    """What the batch's plan could not answer in full, read from what it stored, one line each.

    Products no literature covers (the rep follows up, or the inquiry waits), and publication
    pages no bulletin matches (the letter goes without its page note).
    """
    products = session.execute(
        select(Product.code, Product.name, func.count(), func.count(BatchHold.id))
        .select_from(UncoveredProduct)
        .join(Product, Product.id == UncoveredProduct.product_id)
        .outerjoin(
            BatchHold,
            (BatchHold.batch_id == UncoveredProduct.batch_id)
            & (BatchHold.inquiry_id == UncoveredProduct.inquiry_id),
        )
        .where(UncoveredProduct.batch_id == batch_id)
        .group_by(Product.code, Product.name)
        .order_by(Product.code)
    ).all()
    pages = session.execute(
        select(UnmatchedPublication.publication, UnmatchedPublication.page)
        .where(UnmatchedPublication.batch_id == batch_id)
        .order_by(UnmatchedPublication.publication, UnmatchedPublication.inquiry_id)
    ).all()
    return _uncovered_warnings(products) + _publication_warnings(pages)


def _uncovered_warnings(rows: Sequence[tuple[str, str, int, int]]) -> list[str]:
    warnings = []
    for code, name, asked, held in rows:
        outcome = [
            f"{n} {_inquiries(n)} {what}"
            for n, what in ((asked - held, "sent without it, the rep follows up"), (held, "held"))
            if n
        ]
        warnings.append(
            f"no literature covers {code} ({name}): {'; '.join(outcome)}; add it with "
            f"'litcenter literature add ... --products {code}'"
        )
    return warnings


def _publication_warnings(rows: Sequence[tuple[str, int]]) -> list[str]:
    pages: dict[str, list[int]] = {}
    for publication, page in rows:
        pages.setdefault(publication, []).append(page)
    return [
        f"no bulletin matches {publication!r} ({len(found)} {_inquiries(len(found))}, "
        f"page{'s' if len(found) > 1 else ''} {', '.join(str(p) for p in found)}): sent without "
        "a page note; add the bulletin with 'litcenter literature add ... --kind bulletin', "
        f"giving --alias {publication!r} if its title reads otherwise"
        for publication, found in pages.items()
    ]


def _inquiries(count: int) -> str:
    return "inquiry" if count == 1 else "inquiries"
