"""What each contact has received from us: the literature that went, when, and which edition."""

from collections.abc import Collection, Mapping
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fulfilment.batch.contents import Received
from fulfilment.models import Inquiry, Packet, PacketItem
from fulfilment.states import ItemStatus, PacketStatus

# Items that left the building: picked (or picked in place of another), or attached to e-mail.
RECEIVED_ITEMS = (ItemStatus.PICKED, ItemStatus.SUBSTITUTED, ItemStatus.ATTACHED)
SENT_PACKETS = (PacketStatus.PRINTED, PacketStatus.MAILED)


def received_since(
    session: Session, contact_ids: Collection[int], *, business_date: date, days: int
) -> dict[int, dict[str, Received]]:
    """Per contact, the items received within `days` before `business_date`, each the last time.

    A catalogue counts whenever it went: a contact with this edition needs no other copy.
    """
    if not contact_ids:
        return {}
    since = datetime.combine(business_date - timedelta(days=days), time())
    went = func.coalesce(Packet.mailed_at, Packet.printed_at)
    rows = session.execute(
        select(Inquiry.contact_id, PacketItem.code, PacketItem.edition, went)
        .join(Packet, PacketItem.packet_id == Packet.id)
        .join(Inquiry, Packet.inquiry_id == Inquiry.id)
        .where(
            Inquiry.contact_id.in_(contact_ids),
            Packet.status.in_(SENT_PACKETS),
            PacketItem.status.in_(RECEIVED_ITEMS),
            or_(went >= since, PacketItem.kind == "catalogue"),
        )
        .order_by(went)
    )
    received: dict[int, dict[str, Received]] = {}
    for contact_id, code, edition, at in rows:
        received.setdefault(contact_id, {})[code] = Received(on=at.date(), edition=edition)
    return received


def less_resent(
    received: Mapping[str, Received], *, resend_all: bool, resend_codes: Collection[str]
) -> dict[str, Received]:
    """What the contact has, less what staff asked to send again (everything, or these codes)."""
    if resend_all:
        return {}
    return {code: had for code, had in received.items() if code not in resend_codes}
