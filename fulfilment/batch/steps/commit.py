"""Step 5, commit: packets printed, stock picked, supplies used, calls scheduled, in one go."""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, func, insert, select, update
from sqlalchemy.orm import Session

from fulfilment.batch.lookup import require_batch
from fulfilment.batch.views import owed_by_earlier_packet, printed_by, separate_cover_items
from fulfilment.calls.next_call import refresh_next_call
from fulfilment.calls.schedule import Terms, packet_call
from fulfilment.db import UnitOfWork
from fulfilment.errors import LitcenterError
from fulfilment.models import (
    Batch,
    Contact,
    Event,
    FollowUp,
    Inquiry,
    Packet,
    PacketInquiry,
    PacketItem,
    Rep,
)
from fulfilment.render.stationery import label_sheet
from fulfilment.settings import CompanyProfile
from fulfilment.states import BatchStatus, FollowUpStatus, InquiryStatus, ItemStatus, PacketStatus
from inventory.allocation import lock_for_picking, pick
from inventory.lookup import items_by_code
from inventory.supplies import SupplyUse, use_supplies

# Core statements take a Table; the ORM types a mapped class's __table__ as a FromClause.
_EVENT_TABLE = cast(Table, Event.__table__)
_FOLLOW_UP_TABLE = cast(Table, FollowUp.__table__)
# Packets committed at a time, inside the one transaction.
_SLICE_PACKETS = 2_000


@dataclass
class CommitResult:
    """What the commit did, and the supplies to warn staff about."""

    packets: int
    follow_ups: int
    warnings: list[str] = field(default_factory=list)


def envelope_supply(code: str) -> str:
    """Envelopes are stock items named ENV-<size>, e.g. ENV-US10."""
    return f"ENV-{code.upper()}"


def label_supply(sheet: str) -> str:
    """Label sheets are stock items named after the sheet, e.g. AVERY-5160."""
    return sheet.upper()


def commit_batch(
    uow: UnitOfWork, batch_id: int, *, profile: CompanyProfile, now: datetime
) -> CommitResult:
    """Finish an assembled batch; a committed batch is left as it is."""
    session = uow.session
    batch = require_batch(session, batch_id, for_update=True)
    if batch.status == BatchStatus.COMMITTED:
        return CommitResult(packets=0, follow_ups=0)
    if batch.status != BatchStatus.ASSEMBLED:
        raise LitcenterError(f"batch {batch_id} is {batch.status}, not assembled; run it again")
    in_batch = Packet.batch_id == batch_id
    separate = _separate_cover(session, batch_id)
    printed = session.scalars(select(Packet.number).where(in_batch, Packet.channel == "print"))
    lock_for_picking(session, [*printed, *separate])
    last = session.scalar(select(func.max(Packet.position)).where(in_batch)) or 0
    # A slice of packets at a time inside the one transaction, every lock taken above:
    # memory stays at one slice's allocations, events and calls however big the day is.
    follow_ups = 0
    for start in range(0, last, _SLICE_PACKETS):
        follow_ups += _commit_slice(
            session,
            batch,
            Packet.position > start,
            Packet.position <= start + _SLICE_PACKETS,
            profile=profile,
            now=now,
        )
    if separate:
        pick(session, sorted(separate), now=now)
    warnings = _use_supplies(
        session,
        batch,
        printed_by(session, batch_id, Packet.envelope),
        _separate_cover_envelopes(session, batch_id),
        profile=profile,
        now=now,
    )
    # The session holds none of the rows these updates change that it reads again, so
    # fetching back every changed key to refresh loaded objects is wasted work.
    quietly = {"synchronize_session": False}
    session.execute(
        update(Packet).where(in_batch).values(status=PacketStatus.PRINTED, printed_at=now),
        execution_options=quietly,
    )
    session.execute(
        update(PacketItem)
        .where(
            PacketItem.status == ItemStatus.RESERVED,
            PacketItem.packet_id.in_(select(Packet.id).where(in_batch)),
        )
        .values(status=ItemStatus.PICKED),
        execution_options=quietly,
    )
    session.execute(
        update(PacketItem)
        .where(PacketItem.sent_in_batch_id == batch_id, PacketItem.status == ItemStatus.RESERVED)
        .values(status=ItemStatus.PICKED),
        execution_options=quietly,
    )
    if separate:
        session.execute(
            insert(_EVENT_TABLE),
            [
                {"inquiry_id": owed.inquiry_id, "at": now, "kind": "sent separately",
                 "detail": f"{', '.join(owed.codes)} of packet {number} "
                 f"under separate cover in the batch of {batch.business_date}"}
                for number, owed in sorted(separate.items())
            ],
        )  # fmt: skip
    session.execute(
        update(Inquiry)
        .where(Inquiry.id.in_(select(PacketInquiry.inquiry_id).join(Packet).where(in_batch)))
        .values(status=InquiryStatus.PRINTED),
        execution_options=quietly,
    )
    packets = session.scalar(select(func.count()).select_from(Packet).where(in_batch)) or 0
    batch.status, batch.updated_at = BatchStatus.COMMITTED, now
    uow.commit()
    return CommitResult(packets=packets, follow_ups=follow_ups, warnings=warnings)


def _commit_slice(
    session: Session,
    batch: Batch,
    *where: ColumnElement[bool],
    profile: CompanyProfile,
    now: datetime,
) -> int:
    """Pick the slice's printed packets; write their inquiries' timeline events and one
    follow-up call per packet, by the rule of the inquiry it makes soonest, owned by that
    inquiry's rep, unless one of them has an open call already."""
    in_slice = (Packet.batch_id == batch.id, *where)
    rows = session.execute(
        select(Packet.id, Packet.number, Packet.channel, PacketInquiry.inquiry_id,
               Inquiry.response, Inquiry.timeframe, Inquiry.urgency, Inquiry.rep_id,
               Contact.country, Rep.country.label("rep_country"), Rep.region.label("rep_region"))
        .join(PacketInquiry, PacketInquiry.packet_id == Packet.id)
        .join(Inquiry, PacketInquiry.inquiry_id == Inquiry.id)
        .join(Contact, Inquiry.contact_id == Contact.id)
        .outerjoin(Rep, Rep.id == Inquiry.rep_id)
        .where(*in_slice)
        .order_by(Packet.position, PacketInquiry.position)
    ).all()  # fmt: skip
    if not rows:
        return 0
    printed = list(dict.fromkeys(row.number for row in rows if row.channel == "print"))
    if printed:
        pick(session, printed, now=now)
    session.execute(
        insert(_EVENT_TABLE),
        [
            {"inquiry_id": row.inquiry_id, "at": now, "kind": "printed",
             "detail": f"packet {row.number} "
             + ("printed" if row.channel == "print" else "written for e-mail")}
            for row in rows
        ],
    )  # fmt: skip
    slice_inquiries = (
        select(PacketInquiry.inquiry_id).join(Packet, Packet.id == PacketInquiry.packet_id)
        .where(*in_slice)
    )  # fmt: skip
    called = set(
        session.scalars(
            select(FollowUp.inquiry_id).where(
                FollowUp.status == FollowUpStatus.OPEN, FollowUp.inquiry_id.in_(slice_inquiries)
            )
        )
    )
    calls = []
    # The rows of each packet, one per inquiry it answers, in the order received.
    for _, group in groupby(rows, key=lambda row: row.id):
        answered = list(group)
        if called.intersection(row.inquiry_id for row in answered):
            continue
        chosen = packet_call(
            profile.follow_up,
            [_terms(row, profile.default_country) for row in answered],
            printed=now.date(),
            international=answered[0].country != profile.default_country,
        )
        if chosen is not None:
            position, booking = chosen
            row = answered[position]
            calls.append(
                {"inquiry_id": row.inquiry_id, "packet_id": row.id, "rep_id": row.rep_id,
                 "due_on": booking.due_on, "reason": booking.reason, "basis": booking.basis,
                 "days": booking.days, "attempt": 1, "status": FollowUpStatus.OPEN,
                 "created_at": now}
            )  # fmt: skip
    if calls:
        session.execute(insert(_FOLLOW_UP_TABLE), calls)
    refresh_next_call(session, slice_inquiries)
    return len(calls)


def _terms(row: Any, home_country: str) -> Terms:
    """What the call rules look at of one answered inquiry, in its rep's calendar."""
    return Terms(
        response=row.response,
        timeframe=row.timeframe,
        urgency=row.urgency,
        country=row.rep_country or home_country,
        region=row.rep_region or "",
    )


@dataclass(frozen=True)
class OwedItems:
    """An earlier packet's backordered items that this batch sends under separate cover."""

    inquiry_id: int
    codes: list[str]


def _separate_cover(session: Session, batch_id: int) -> dict[str, OwedItems]:
    """The earlier packets this batch sends owed items for, by packet number."""
    separate: dict[str, OwedItems] = {}
    for number, inquiry_id, item in separate_cover_items(session, batch_id):
        separate.setdefault(number, OwedItems(inquiry_id, [])).codes.append(item.code)
    return separate


def _separate_cover_envelopes(session: Session, batch_id: int) -> Counter[str]:
    """The envelopes of the owed shipments this batch sends, counted per size.

    Each goes in its packet's own envelope rather than the smallest one its sheets fit: that
    envelope held these items with a longer letter, so it holds them with the note, it is the
    size the pick list names for them, and it is stored, so no literature is read again here.
    """
    return Counter(
        dict(
            session.execute(
                select(Packet.envelope, func.count())
                .where(owed_by_earlier_packet(batch_id))
                .group_by(Packet.envelope)
            ).all()
        )
    )


def _use_supplies(
    session: Session,
    batch: Batch,
    envelopes: Counter[str],
    separate_cover: Counter[str],
    *,
    profile: CompanyProfile,
    now: datetime,
) -> list[str]:
    """Book out envelopes and label sheets that are tracked as supplies; others are not counted.

    `envelopes` are the printed packets', `separate_cover` the owed shipments', by size.
    """
    wanted = Counter(
        {envelope_supply(code): count for code, count in (envelopes + separate_cover).items()}
    )
    per_sheet = label_sheet(profile.label_sheet).per_sheet
    # Separate-cover labels are a file of their own, so they start a sheet of their own.
    sheets = sum(math.ceil(labels.total() / per_sheet) for labels in (envelopes, separate_cover))
    if sheets:
        wanted[label_supply(profile.label_sheet)] += sheets
    tracked = {
        code for code, item in items_by_code(session, wanted).items() if item.kind == "supply"
    }
    uses = [
        SupplyUse(key=f"batch {batch.business_date}", code=code, qty=qty)
        for code, qty in sorted(wanted.items())
        if code in tracked
    ]
    outcomes = use_supplies(session, uses, now=now) if uses else []
    return [outcome.warning for outcome in outcomes if outcome.warning]
