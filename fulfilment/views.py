"""Read-only views of inquiries and quarantined rows, as plain dictionaries for CLI and web."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from fulfilment.batch.lookup import answering_packet
from fulfilment.errors import NotFound
from fulfilment.intake.addresses import PostalAddress, address_lines
from fulfilment.models import Contact, Inquiry, InquiryProduct, QuarantinedRow, Rep


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
    }


def inquiry_list(session: Session, *, status: str | None = None) -> list[dict[str, Any]]:
    """Inquiries, oldest received first, optionally of one status."""
    query = (
        select(Inquiry)
        .options(
            joinedload(Inquiry.contact),
            joinedload(Inquiry.rep),
            selectinload(Inquiry.products).joinedload(InquiryProduct.product),
        )
        .order_by(Inquiry.received_at, Inquiry.id)
    )
    if status:
        query = query.where(Inquiry.status == status)
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
    return {
        **_summary(inquiry),
        "packet": {"number": packet.number, "status": packet.status} if packet else None,
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
