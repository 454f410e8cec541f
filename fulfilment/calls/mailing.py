"""A packet scanned as mailed: its call counted again from that day instead of from printing."""

from collections.abc import Collection
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fulfilment.calls.next_call import refresh_next_call
from fulfilment.calls.schedule import after_mailing
from fulfilment.models import FollowUp, PacketInquiry, Rep
from fulfilment.states import FollowUpStatus


def recount_from_mailing(
    session: Session, packet_ids: Collection[int], *, mailed: date, home_country: str
) -> None:
    """The open calls of these packets that counted from printing now count from `mailed`."""
    if not packet_ids:
        return
    calls = session.execute(
        select(FollowUp, Rep.country, Rep.region)
        .outerjoin(Rep, Rep.id == FollowUp.rep_id)
        .where(
            FollowUp.packet_id.in_(packet_ids),
            FollowUp.status == FollowUpStatus.OPEN,
            FollowUp.basis == "printed",
        )
    ).all()
    for call, country, region in calls:
        call.due_on = after_mailing(
            call.days, mailed=mailed, country=country or home_country, region=region or ""
        )
        call.basis = "mailed"
    session.flush()
    refresh_next_call(
        session,
        select(PacketInquiry.inquiry_id).where(PacketInquiry.packet_id.in_(packet_ids)),
    )
