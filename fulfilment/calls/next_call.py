"""The next call on each inquiry: its own open call or its packet's, kept on the inquiry."""

from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.selectable import ScalarSelect

from fulfilment.models import FollowUp, Inquiry, PacketInquiry
from fulfilment.states import FollowUpStatus


def refresh_next_call(session: Session, inquiry_ids: Select[int] | list[int]) -> None:
    """Set next_call_on, next_call_rep_id and next_call_reason of these inquiries from the
    soonest open call about them (none: cleared)."""
    call = aliased(FollowUp)
    # Correlated to the inquiry being updated, two levels up.
    answering = (
        select(PacketInquiry.packet_id)
        .where(PacketInquiry.inquiry_id == Inquiry.id)
        .correlate(Inquiry)
    )
    soonest = (
        select(call)
        .where(
            call.status == FollowUpStatus.OPEN,
            or_(call.inquiry_id == Inquiry.id, call.packet_id.in_(answering)),
        )
        .order_by(call.due_on, call.id)
        .limit(1)
    )

    def column(value: Any) -> ScalarSelect[Any]:
        return soonest.with_only_columns(value).scalar_subquery()

    session.execute(
        update(Inquiry)
        .where(Inquiry.id.in_(inquiry_ids))
        .values(
            next_call_on=column(call.due_on),
            next_call_rep_id=column(call.rep_id),
            next_call_reason=func.coalesce(column(call.reason), ""),
        ),
        execution_options={"synchronize_session": False},
    )
