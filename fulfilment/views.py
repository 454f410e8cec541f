"""Read-only views of inquiries and quarantined rows, as plain dictionaries for CLI and web."""

from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from fulfilment.batch.lookup import answering_packet
from fulfilment.errors import NotFound
from fulfilment.intake.addresses import PostalAddress, address_lines
from fulfilment.models import Contact, FollowUp, Inquiry, InquiryProduct, QuarantinedRow, Rep


def quarantine_list(session: Session, *, status: str | None = "open") -> list[dict[str, Any]]:
    """Quarantined rows, oldest first; status None lists every row."""
    query = select(QuarantinedRow).order_by(QuarantinedRow.id)
    if status:
        query = query.where(QuarantinedRow.status == status)
    return [
        {
            "id": held.id,
            "source": held.source,
            "row_number": held.row_number,
            "external_id": held.external_id,
            "status": held.status,
            "reasons": held.reasons,
            "raw": held.raw,
            "fixes": held.fixes,
            "inquiry_id": held.inquiry_id,
        }
        for held in session.scalars(query)
    ]


def _rep(rep: Rep | None) -> dict[str, Any] | None:
    if rep is None:
        return None
    return {"code": rep.code, "name": rep.name, "email": rep.email, "phone": rep.phone}


def _summary(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "id": inquiry.id,
        "external_id": inquiry.external_id,
        "contact_id": inquiry.contact_id,
        "name": inquiry.contact.name,
        "company": inquiry.contact.company,
        "country": inquiry.contact.country,
        "status": inquiry.status,
        "received_at": inquiry.received_at.isoformat(),
        "urgency": inquiry.urgency,
        "response": inquiry.response,
        "products": [item.product.code for item in inquiry.products],
        "rep": inquiry.rep.code if inquiry.rep else None,
        "next_call_on": inquiry.next_call_on.isoformat() if inquiry.next_call_on else None,
    }


def inquiry_list(
    session: Session,
    *,
    status: str | None = None,
    by_next_call: bool = False,
    next_call_by: date | None = None,
) -> list[dict[str, Any]]:
    """Inquiries, oldest received first (or soonest next call first, those without one last),
    optionally of one status or with a call due by a day."""
    order = (
        (Inquiry.next_call_on.is_(None), Inquiry.next_call_on, Inquiry.received_at, Inquiry.id)
        if by_next_call
        else (Inquiry.received_at, Inquiry.id)
    )
    query = (
        select(Inquiry)
        .options(
            joinedload(Inquiry.contact),
            joinedload(Inquiry.rep),
            selectinload(Inquiry.products).joinedload(InquiryProduct.product),
        )
        .order_by(*order)
    )
    if status:
        query = query.where(Inquiry.status == status)
    if next_call_by:
        query = query.where(Inquiry.next_call_on <= next_call_by)
    return [_summary(inquiry) for inquiry in session.scalars(query)]


def contact_address(contact: Contact) -> PostalAddress:
    """The postal address stored on a contact."""
    return PostalAddress(
        address1=contact.address1,
        address2=contact.address2,
        city=contact.city,
        region=contact.region,
        postcode=contact.postcode,
        country=contact.country,
    )


def contact_view(contact: Contact) -> dict[str, Any]:
    """A contact with its address printed in its country's format."""
    address = contact_address(contact)
    return {
        "id": contact.id,
        "name": contact.name,
        "title": contact.title,
        "company": contact.company,
        "email": contact.email,
        "phone": contact.phone,
        "fax": contact.fax,
        "stage": contact.stage,
        "address": {
            "address1": contact.address1,
            "address2": contact.address2,
            "city": contact.city,
            "region": contact.region,
            "postcode": contact.postcode,
            "country": contact.country,
        },
        "address_lines": address_lines(name=contact.name, company=contact.company, address=address),
    }


def _calls(session: Session, inquiry_id: int, packet_id: int | None) -> list[dict[str, Any]]:
    """Every call about the inquiry or its packet, oldest first, made or still owed."""
    about = FollowUp.inquiry_id == inquiry_id
    if packet_id is not None:
        about = or_(about, FollowUp.packet_id == packet_id)
    rows = session.execute(
        select(FollowUp, Rep.code)
        .outerjoin(Rep, Rep.id == FollowUp.rep_id)
        .where(about)
        .order_by(FollowUp.created_at, FollowUp.id)
    )
    return [
        {
            "id": call.id,
            "status": call.status,
            "due": call.due_on.isoformat(),
            "reason": call.reason,
            "attempt": call.attempt,
            "rep": code,
            "called_at": call.called_at.isoformat() if call.called_at else None,
            "outcome": call.outcome,
            "rating": call.rating,
            "amount": None if call.amount is None else str(call.amount),
            "notes": call.notes,
        }
        for call, code in rows
    ]


def inquiry_show(session: Session, inquiry_id: int) -> dict[str, Any]:
    """One inquiry with its contact, rep, products, custom fields and timeline."""
    inquiry = session.get(
        Inquiry,
        inquiry_id,
        options=[selectinload(Inquiry.events), selectinload(Inquiry.products)],
    )
    if inquiry is None:
        raise NotFound(f"no inquiry {inquiry_id}; see 'litcenter inquiry list'")
    packet = answering_packet(session, inquiry_id)
    next_rep = session.get(Rep, inquiry.next_call_rep_id) if inquiry.next_call_rep_id else None
    return {
        **_summary(inquiry),
        "packet": {
            "number": packet.number,
            "status": packet.status,
            "printed_at": packet.printed_at.isoformat() if packet.printed_at else None,
            "mailed_at": packet.mailed_at.isoformat() if packet.mailed_at else None,
        }
        if packet
        else None,
        "next_call": {
            "due": inquiry.next_call_on.isoformat(),
            "rep": next_rep.code if next_rep else None,
            "reason": inquiry.next_call_reason,
        }
        if inquiry.next_call_on
        else None,
        "calls": _calls(session, inquiry_id, packet.id if packet else None),
        "resend": ["*"] if inquiry.resend_all else list(inquiry.resend_codes),
        "source": inquiry.source,
        "source_detail": inquiry.source_detail,
        "source_page": inquiry.source_page,
        "timeframe": inquiry.timeframe,
        "use": inquiry.use,
        "comments": inquiry.comments,
        "rating": inquiry.rating,
        "mailed_at": inquiry.mailed_at.isoformat() if inquiry.mailed_at else None,
        "custom": inquiry.custom,
        "extra": inquiry.extra,
        "products": [
            {
                "code": item.product.code,
                "name": item.product.name,
                "family": item.product.family,
            }
            for item in inquiry.products
        ],
        "contact": contact_view(inquiry.contact),
        "rep": _rep(inquiry.rep),
        "timeline": [
            {"at": event.at.isoformat(), "kind": event.kind, "detail": event.detail}
            for event in inquiry.events
        ],
    }
