"""The one look-up of a batch by its id, and of the packet that answers an inquiry."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from fulfilment.errors import NotFound
from fulfilment.models import Batch, Packet, PacketInquiry


def require_batch(session: Session, batch_id: int, *, for_update: bool = False) -> Batch:
    """The batch with this id, else a NotFound naming the list.

    A locked read (for_update) also refreshes the batch, so a session that read it before sees
    what another run committed since.
    """
    batch = session.get(Batch, batch_id, with_for_update=for_update, populate_existing=for_update)
    if batch is None:
        raise NotFound(f"no batch {batch_id}; see 'litcenter batch list'")
    return batch


def answering_packet(session: Session, inquiry_id: int) -> Packet | None:
    """The packet that answers this inquiry, if one does (at most one ever does)."""
    return session.scalar(
        select(Packet)
        .join(PacketInquiry, PacketInquiry.packet_id == Packet.id)
        .where(PacketInquiry.inquiry_id == inquiry_id)
    )
