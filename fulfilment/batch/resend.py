"""Staff asking for literature to go again to an inquirer who received it lately."""

from dataclasses import dataclass
from datetime import datetime

from fulfilment.batch.lookup import answering_packet
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput, NotFound
from fulfilment.models import Event, Inquiry
from inventory.lookup import require_item


@dataclass(frozen=True)
class Resend:
    """What an inquiry's packet will send again: every item, or these codes."""

    inquiry_id: int
    all_items: bool
    codes: list[str]


def request_resend(uow: UnitOfWork, inquiry_id: int, *, code: str | None, now: datetime) -> Resend:
    """Let the inquiry's packet send `code` (or everything) although the contact has it."""
    session = uow.session
    inquiry = session.get(Inquiry, inquiry_id, with_for_update=True)
    if inquiry is None:
        raise NotFound(f"no inquiry {inquiry_id}; see 'litcenter inquiry list'")
    answered = answering_packet(session, inquiry_id)
    if answered is not None:
        raise BadInput(
            f"inquiry {inquiry_id} is already answered by packet {answered.number}; a resend "
            "applies to an inquiry still waiting for its batch (reprint a spoiled packet with "
            "'litcenter batch reprint')"
        )
    if code is None:
        inquiry.resend_all = True
        detail = "staff asked to send every item again, received before or not"
    else:
        item = require_item(session, code)
        if item.code not in inquiry.resend_codes:
            inquiry.resend_codes = [*inquiry.resend_codes, item.code]
        detail = f"staff asked to send {item.code} again, received before or not"
    inquiry.events.append(Event(at=now, kind="resend", detail=detail))
    result = Resend(inquiry.id, inquiry.resend_all, list(inquiry.resend_codes))
    uow.commit()
    return result
