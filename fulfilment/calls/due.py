"""The calls reps owe: open calls due on or before a day, most overdue first."""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from fulfilment.models import Contact, FollowUp, Inquiry, Packet, PacketInquiry, Rep
from fulfilment.reps import require_rep
from fulfilment.states import FollowUpStatus


def due_calls(session: Session, *, rep_code: str | None, through: date) -> list[dict[str, Any]]:
    """Open calls due on or before `through`, of one rep or all, most overdue first."""
    asked = aliased(Inquiry)
    query = (
        select(FollowUp, asked.external_id, Contact, Rep.code, Rep.name, Packet.number,
               Packet.status, Packet.mailed_at)
        .join(asked, asked.id == FollowUp.inquiry_id)
        .join(Contact, Contact.id == asked.contact_id)
        .outerjoin(Rep, Rep.id == FollowUp.rep_id)
        .outerjoin(Packet, Packet.id == FollowUp.packet_id)
        .where(FollowUp.status == FollowUpStatus.OPEN, FollowUp.due_on <= through)
        .order_by(FollowUp.due_on, FollowUp.id)
    )  # fmt: skip
    if rep_code is not None:
        query = query.where(FollowUp.rep_id == require_rep(session, rep_code).id)
    rows = session.execute(query).all()
    answered = _external_ids(session, [row[0].packet_id for row in rows if row[0].packet_id])
    return [
        {
            "id": call.id,
            "inquiry_id": call.inquiry_id,
            "external_id": external_id,
            "external_ids": answered.get(call.packet_id or 0, [external_id]),
            "rep": code,
            "rep_name": name,
            "due": call.due_on.isoformat(),
            "days_overdue": max((through - call.due_on).days, 0),
            "reason": call.reason,
            "attempt": call.attempt,
            "contact": {
                "name": contact.name,
                "company": contact.company,
                "phone": contact.phone,
                "email": contact.email,
                "country": contact.country,
                "stage": contact.stage,
            },
            "packet": number,
            "packet_status": packet_status,
            "mailed": mailed_at.date().isoformat() if mailed_at else None,
        }
        for call, external_id, contact, code, name, number, packet_status, mailed_at in rows
    ]


def _external_ids(session: Session, packet_ids: list[int]) -> dict[int, list[str | None]]:
    """The external ids of every inquiry each packet answers, in the order received."""
    answered: dict[int, list[str | None]] = defaultdict(list)
    for packet_id, external_id in session.execute(
        select(PacketInquiry.packet_id, Inquiry.external_id)
        .join(Inquiry, Inquiry.id == PacketInquiry.inquiry_id)
        .where(PacketInquiry.packet_id.in_(packet_ids))
        .order_by(PacketInquiry.packet_id, PacketInquiry.position)
    ):
        answered[packet_id].append(external_id)
    return answered
