"""Reading the open calls a rep owes with everything the call sheet and calendar print."""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from fulfilment.calls.sheet_data import (
    CallContext,
    ContactInfo,
    EarlierCall,
    InquiryInfo,
    MailedItem,
    PacketInfo,
    ProductAsked,
    RepInfo,
)
from fulfilment.intake.addresses import address_lines
from fulfilment.models import (
    Contact,
    FollowUp,
    Inquiry,
    InquiryProduct,
    Packet,
    PacketInquiry,
    PacketItem,
)
from fulfilment.reps import require_rep
from fulfilment.states import FollowUpStatus, ItemStatus
from fulfilment.views import contact_address

# Ids named in one IN list, well below every database's limit on bound parameters.
_SLICE = 500

# Rep codes an unknown code's message names.

_INQUIRY_LOADS = (
    selectinload(Inquiry.contact),
    selectinload(Inquiry.products).selectinload(InquiryProduct.product),
)

__all__ = ["CallContext", "open_calls"]


def open_calls(
    session: Session, *, rep_code: str | None, through: date | None
) -> list[CallContext]:
    """The open calls due on or before `through` (every one when None), of one rep or of all,
    most overdue first."""
    query = (
        select(FollowUp)
        .where(FollowUp.status == FollowUpStatus.OPEN)
        .options(
            selectinload(FollowUp.rep), selectinload(FollowUp.inquiry).options(*_INQUIRY_LOADS)
        )
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    if rep_code is not None:
        query = query.where(FollowUp.rep_id == require_rep(session, rep_code).id)
    if through is not None:
        query = query.where(FollowUp.due_on <= through)
    calls = list(session.scalars(query))
    packets = _packets(session, calls)
    inquiries = {call.id: _inquiries_of(call, packets.get(call.id)) for call in calls}
    history = _done_calls(session, {i.id for found in inquiries.values() for i in found})
    return [_context(call, inquiries[call.id], packets.get(call.id), history) for call in calls]


def _slices(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), _SLICE):
        yield ordered[start : start + _SLICE]


def _packets(session: Session, calls: Sequence[FollowUp]) -> dict[int, Packet]:
    """Each call's packet: the one it follows, else the one answering its inquiry."""
    found: dict[int, Packet] = {}
    by_inquiry: dict[int, Packet] = {}
    for ids in _slices(call.inquiry_id for call in calls):
        answered = select(PacketInquiry.packet_id).where(PacketInquiry.inquiry_id.in_(ids))
        followed = [call.packet_id for call in calls if call.packet_id and call.inquiry_id in ids]
        query = (
            select(Packet)
            .where(or_(Packet.id.in_(answered), Packet.id.in_(followed)))
            .options(
                selectinload(Packet.items),
                selectinload(Packet.answers)
                .selectinload(PacketInquiry.inquiry)
                .options(*_INQUIRY_LOADS),
            )
        )
        for packet in session.scalars(query):
            found[packet.id] = packet
            for answer in packet.answers:
                by_inquiry[answer.inquiry_id] = packet
    chosen = {
        call.id: found.get(call.packet_id or 0) or by_inquiry.get(call.inquiry_id) for call in calls
    }
    return {call_id: packet for call_id, packet in chosen.items() if packet is not None}


def _inquiries_of(call: FollowUp, packet: Packet | None) -> list[Inquiry]:
    """The call's inquiry first, then the others its packet answers."""
    others = [i for i in packet.inquiries if i.id != call.inquiry_id] if packet else []
    return [call.inquiry, *others]


def _done_calls(session: Session, inquiry_ids: set[int]) -> dict[int, list[FollowUp]]:
    """The calls made about each inquiry, oldest first."""
    done: dict[int, list[FollowUp]] = defaultdict(list)
    for ids in _slices(inquiry_ids):
        query = (
            select(FollowUp)
            .where(FollowUp.status == FollowUpStatus.DONE, FollowUp.inquiry_id.in_(ids))
            .order_by(FollowUp.called_at, FollowUp.id)
        )
        for call in session.scalars(query):
            done[call.inquiry_id].append(call)
    return done


def _context(
    call: FollowUp,
    inquiries: Sequence[Inquiry],
    packet: Packet | None,
    history: dict[int, list[FollowUp]],
) -> CallContext:
    earlier = sorted(
        (made for inquiry in inquiries for made in history.get(inquiry.id, [])),
        key=lambda made: (made.called_at is None, made.called_at, made.id),
    )
    return CallContext(
        id=call.id,
        due_on=call.due_on,
        reason=call.reason,
        attempt=call.attempt,
        rep=RepInfo(call.rep.code, call.rep.name) if call.rep else None,
        contact=_contact(call.inquiry.contact),
        inquiries=tuple(_inquiry(inquiry) for inquiry in inquiries),
        packet=_packet(packet) if packet else None,
        history=tuple(
            EarlierCall(
                called_at=made.called_at,
                outcome=made.outcome,
                rating=made.rating,
                amount=made.amount,
                notes=made.notes,
            )
            for made in earlier
        ),
    )


def _contact(contact: Contact) -> ContactInfo:
    lines = address_lines(name="", company="", address=contact_address(contact))
    return ContactInfo(
        name=contact.name,
        title=contact.title,
        company=contact.company,
        phone=contact.phone,
        email=contact.email,
        address=tuple(lines),
    )


def _inquiry(inquiry: Inquiry) -> InquiryInfo:
    return InquiryInfo(
        id=inquiry.id,
        external_id=inquiry.external_id,
        received_on=inquiry.received_at.date(),
        products=tuple(
            ProductAsked(asked.product.code, asked.product.name) for asked in inquiry.products
        ),
        timeframe=inquiry.timeframe,
        urgency=inquiry.urgency,
        comments=inquiry.comments,
    )


def _item_group(item: PacketItem) -> str:
    if item.status == ItemStatus.SKIPPED:
        return "skipped"
    if item.status == ItemStatus.BACKORDERED and item.sent_in_batch_id is None:
        return "backordered"
    return "went"


def _packet(packet: Packet) -> PacketInfo:
    def items(group: str) -> tuple[MailedItem, ...]:
        return tuple(
            MailedItem(item.code, item.title, item.already_sent_on)
            for item in packet.items
            if _item_group(item) == group
        )

    return PacketInfo(
        number=packet.number,
        status=packet.status,
        printed_at=packet.printed_at,
        mailed_at=packet.mailed_at,
        items=items("went"),
        backordered=items("backordered"),
        skipped=items("skipped"),
    )
