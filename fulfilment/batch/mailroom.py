"""The mail room: scanning packets as they go to the carrier, reprinting spoiled ones."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from fulfilment.calls.mailing import recount_from_mailing
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput, NotFound
from fulfilment.models import Event, Packet, PacketInquiry
from fulfilment.settings import CompanyProfile
from fulfilment.states import InquiryStatus, PacketStatus, ScanOutcome


def scan_packets(
    uow: UnitOfWork, numbers: Sequence[str], *, profile: CompanyProfile, now: datetime
) -> list[dict[str, str]]:
    """Mark printed packets mailed, their calls counted from today; each number gets its own
    outcome, none stops the rest."""
    wanted = [number.strip().upper() for number in numbers if number.strip()]
    found = {
        packet.number: packet
        for packet in uow.session.scalars(
            select(Packet)
            .where(Packet.number.in_(wanted))
            .options(selectinload(Packet.answers).selectinload(PacketInquiry.inquiry))
        )
    }
    outcomes = []
    mailed: list[int] = []
    for number in wanted:
        packet = found.get(number)
        outcome: str
        if packet is None:
            outcome = ScanOutcome.UNKNOWN
        elif packet.status == PacketStatus.MAILED:
            outcome = ScanOutcome.ALREADY_MAILED
        elif packet.status != PacketStatus.PRINTED:
            outcome = f"not printed yet ({packet.status})"
        else:
            packet.status, packet.mailed_at = PacketStatus.MAILED, now
            for inquiry in packet.inquiries:
                inquiry.status, inquiry.mailed_at = InquiryStatus.MAILED, now
                inquiry.events.append(Event(at=now, kind="mailed", detail=f"packet {number}"))
            mailed.append(packet.id)
            outcome = ScanOutcome.MAILED
        outcomes.append({"number": number, "outcome": outcome})
    uow.session.flush()
    recount_from_mailing(
        uow.session, mailed, mailed=now.date(), home_country=profile.default_country
    )
    uow.commit()
    return outcomes


def reprint_packet(
    uow: UnitOfWork,
    number: str,
    *,
    out_dir: Path,
    profile: CompanyProfile,
    now: datetime,
    label_start: int = 1,
) -> dict[str, str]:
    """Render a spoiled packet's letter, envelope and label again; stock is not picked twice."""
    # The renderers load only to reprint: scanning, the mail room's every-day task, starts fast.
    from fulfilment import render
    from fulfilment.batch.packet_data import PacketContext, load_packets
    from fulfilment.batch.steps.render import write_packet_files

    render.check_start_position(profile.label_sheet, label_start)
    session = uow.session
    packet = session.scalar(
        select(Packet)
        .where(Packet.number == number.strip().upper())
        .options(selectinload(Packet.batch))
    )
    if packet is None:
        raise NotFound(f"no packet {number}; packet numbers look like P20261123-00042")
    if packet.status not in (PacketStatus.PRINTED, PacketStatus.MAILED):
        raise BadInput(f"packet {packet.number} is {packet.status}; run its batch first")
    [stored] = load_packets(session, packet.batch_id, [packet.position])
    data = PacketContext(session, profile).packet(stored, business_date=packet.batch.business_date)
    for inquiry in stored.inquiries:
        inquiry.events.append(Event(at=now, kind="reprinted", detail=f"packet {packet.number}"))
    uow.commit()
    return write_packet_files(data, out_dir, f"reprint-{data.number}", label_start=label_start)
