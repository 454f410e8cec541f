"""Literature: inquiries still waiting for their packet, copies sent per item, and gaps."""

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fulfilment.batch.coverage import literature_gaps
from fulfilment.models import Contact, Inquiry, Packet, PacketItem
from fulfilment.reports.common import label, period_label, received_in, rounded
from fulfilment.reports.model import Chart, Report, Series, Table
from fulfilment.settings import CompanyProfile
from fulfilment.states import InquiryStatus, ItemStatus
from inventory.models import LiteratureItem

AGING_SHOWN = 100


def _aging(session: Session, start: date, end: date) -> tuple[int, list[tuple[Any, ...]]]:
    """Inquiries received in the period and not mailed yet: how many, and the oldest."""
    waiting = (Inquiry.mailed_at.is_(None), Inquiry.status != InquiryStatus.MAILED,
               received_in(Inquiry.received_at, start, end))  # fmt: skip
    count = session.scalar(select(func.count(Inquiry.id)).where(*waiting)) or 0
    rows = session.execute(
        select(
            Inquiry.id,
            Inquiry.received_at,
            Inquiry.status,
            Inquiry.source,
            Contact.name,
            Contact.company,
        )
        .join(Contact, Contact.id == Inquiry.contact_id)
        .where(*waiting)
        .order_by(Inquiry.received_at, Inquiry.id)
        .limit(AGING_SHOWN)
    )
    return count, [
        (
            inquiry,
            received.date().isoformat(),
            (end - received.date()).days,
            status,
            name or company,
            label(source),
        )
        for inquiry, received, status, source, name, company in rows
    ]


def _usage(session: Session, start: date, end: date) -> list[tuple[Any, ...]]:
    """Copies of each item picked for packets printed in the period, most used first."""
    rows = session.execute(
        select(
            PacketItem.code,
            func.max(PacketItem.title),
            func.sum(PacketItem.qty),
            func.count(func.distinct(PacketItem.packet_id)),
            func.max(LiteratureItem.unit_cost),
        )
        .join(Packet, Packet.id == PacketItem.packet_id)
        .outerjoin(LiteratureItem, LiteratureItem.code == PacketItem.code)
        .where(PacketItem.status == ItemStatus.PICKED, received_in(Packet.printed_at, start, end))
        .group_by(PacketItem.code)
    )
    listed = [
        (code, title, copies, packets, rounded(cost or 0, 4), rounded((cost or 0) * copies))
        for code, title, copies, packets, cost in rows
    ]
    return sorted(listed, key=lambda row: (-row[2], row[0]))


def literature_report(
    session: Session, *, start: date, end: date, profile: CompanyProfile
) -> Report:
    """Aging inquiries (age in whole days at the period's end), usage and literature gaps."""
    waiting, aging = _aging(session, start, end)
    usage = _usage(session, start, end)
    gaps = literature_gaps(session)
    return Report(
        name="literature",
        title="Literature: waiting inquiries, copies sent, products without literature",
        period=period_label(start, end),
        company=profile.name,
        tables=(
            Table(
                f"Not mailed yet, oldest first (first {AGING_SHOWN}; age in days at "
                f"{end.isoformat()})",
                ("inquiry", "received", "age days", "status", "contact", "source"),
                tuple(aging),
            ),
            Table(
                f"Copies sent in packets printed in the period ({profile.currency})",
                ("code", "title", "copies", "packets", "unit cost", "cost"),
                tuple(usage),
            ),
            Table(
                "Products asked about that no literature covers",
                ("code", "name", "inquiries", "oldest"),
                tuple((g["code"], g["name"], g["inquiries"], g["oldest"]) for g in gaps),
            ),
        ),
        charts=(
            Chart(
                "Copies sent per item",
                "bar",
                tuple(row[0] for row in usage),
                (Series("copies", tuple(float(row[2]) for row in usage)),),
            ),
        ),
        figures={
            "waiting": waiting,
            "aging": [
                {
                    "inquiry_id": inquiry,
                    "received": received,
                    "age_days": age,
                    "status": status,
                    "contact": contact,
                    "source": source,
                }
                for inquiry, received, age, status, contact, source in aging
            ],
            "usage": [
                {
                    "code": code,
                    "title": title,
                    "copies": copies,
                    "packets": packets,
                    "unit_cost": unit_cost,
                    "cost": cost,
                }
                for code, title, copies, packets, unit_cost, cost in usage
            ],
            "gaps": gaps,
        },
    )
