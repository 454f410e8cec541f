"""A rep hands their work to another: open calls, waiting inquiries and territory, in one go."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from fulfilment.batch.steps.plan import ANSWERED_BY_PACKET
from fulfilment.calls.next_call import refresh_next_call
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput
from fulfilment.models import (
    Event,
    FollowUp,
    Inquiry,
    PacketInquiry,
    Rep,
    RepHandover,
    TerritoryRule,
)
from fulfilment.reps import require_rep
from fulfilment.states import FollowUpStatus, InquiryStatus
from fulfilment.territory import KINDS

# Inquiries whose rep has work still to do on them: waiting for their packet, or with a call
# open; an inquiry answered by a call alone stays new, so it moves only with an open call.
WAITING = (InquiryStatus.NEW, InquiryStatus.HELD, InquiryStatus.PLANNED)


@dataclass(frozen=True)
class Handover:
    """What moved from one rep to another."""

    from_rep: str
    to_rep: str
    retired: bool
    calls: int
    inquiries: int
    territory: list[list[str]]


def hand_over(
    uow: UnitOfWork, old_code: str, new_code: str, *, retire: bool, now: datetime
) -> Handover:
    """Move OLD's open calls, the inquiries still in their hands and their territory to NEW,
    noting who held them. OLD takes no new inquiries after that: until the reps file is
    imported again, or never with `retire`. Nothing is deleted: OLD's calls made stay OLD's,
    for the reports, and OLD keeps a copy of territory values NEW had already."""
    session = uow.session
    old, new = require_rep(session, old_code), require_rep(session, new_code)
    if old.id == new.id:
        raise BadInput(f"{old.code} cannot hand over to themselves; name another rep")
    if not new.active:
        raise BadInput(f"{new.code} {_away(new)} and takes no work; name an active rep")
    if not old.active:
        raise BadInput(f"{old.code} {_away(old)}; their work went to another rep then")
    territory = _merged_territory(session, old, new)
    held = select(FollowUp.inquiry_id).where(
        FollowUp.rep_id == old.id, FollowUp.status == FollowUpStatus.OPEN
    )
    waiting = Inquiry.status.in_(WAITING) & Inquiry.response.in_(ANSWERED_BY_PACKET)
    moved = (Inquiry.rep_id == old.id) & (waiting | Inquiry.id.in_(held))
    inquiry_ids = list(session.scalars(select(Inquiry.id).where(moved)))
    held_by_old = (FollowUp.rep_id == old.id, FollowUp.status == FollowUpStatus.OPEN)
    calls = session.scalar(select(func.count()).where(*held_by_old)) or 0
    session.execute(
        update(FollowUp).where(*held_by_old).values(rep_id=new.id, handed_from_rep_id=old.id),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(Inquiry).where(Inquiry.id.in_(inquiry_ids)).values(rep_id=new.id),
        execution_options={"synchronize_session": False},
    )
    session.add_all(
        Event(inquiry_id=inquiry_id, at=now, kind="handed over",
              detail=f"from rep {old.code} to rep {new.code}")
        for inquiry_id in inquiry_ids
    )  # fmt: skip
    # A moved call is the next call of every inquiry its packet answers, moved or not.
    packets = select(FollowUp.packet_id).where(FollowUp.handed_from_rep_id == old.id)
    refresh_next_call(
        session,
        select(Inquiry.id).where(
            Inquiry.id.in_(inquiry_ids)
            | Inquiry.id.in_(
                select(PacketInquiry.inquiry_id).where(PacketInquiry.packet_id.in_(packets))
            )
        ),
    )
    for rule in territory:
        rule.rep_id = new.id
    # What is left of OLD's territory may cover more than it did (no value of a kind is any),
    # so OLD leaves the assignment either way.
    old.active = False
    if retire:
        old.retired_at = now
    moved_territory = [[rule.kind, rule.value] for rule in territory]
    session.add(
        RepHandover(
            from_rep_id=old.id,
            to_rep_id=new.id,
            retired=retire,
            calls=calls,
            inquiries=len(inquiry_ids),
            territory=moved_territory,
            at=now,
        )
    )
    uow.commit()
    return Handover(old.code, new.code, retire, calls, len(inquiry_ids), moved_territory)


def _away(rep: Rep) -> str:
    return "is retired" if rep.retired_at else "has handed their work over"


def _merged_territory(session: Session, old: Rep, new: Rep) -> list[TerritoryRule]:
    """OLD's territory rules that move to NEW; refused when the two cannot be one territory.

    A territory is every kind's values at once (country AND region AND ...), a kind without
    values meaning any. NEW can take OLD's only when NEW has none yet, or when the two differ
    in one kind alone: then that kind's values together cover exactly what both covered, and
    where NEW takes any value of it already, nothing needs to move.
    """
    reps = {
        rep.id: rep
        for rep in session.scalars(
            select(Rep).where(Rep.id.in_([old.id, new.id])).options(selectinload(Rep.territory))
        )
    }
    theirs, ours = reps[old.id].territory, reps[new.id].territory
    if not ours or not theirs:
        return list(theirs)

    def values(rules: list[TerritoryRule], kind: str) -> set[str]:
        return {rule.value for rule in rules if rule.kind == kind}

    differing = [kind for kind in KINDS if values(theirs, kind) != values(ours, kind)]
    if len(differing) > 1:
        raise BadInput(
            f"{new.code}'s territory and {old.code}'s differ in {' and '.join(differing)}, so "
            "together they are no one territory; hand over to a rep without a territory, or "
            "change the territories in the reps file first"
        )
    if not differing or not values(ours, differing[0]):
        # The same territory, or NEW already takes every value of the one kind they differ in.
        return []
    kind = differing[0]
    if not values(theirs, kind):
        raise BadInput(
            f"{old.code} takes any {kind} and {new.code} only some, so {new.code} would have to "
            f"give up its {kind} values; hand over to a rep without a territory, or change the "
            "territories in the reps file first"
        )
    # NEW's own values of that kind stay; OLD keeps its copies, so nothing is deleted.
    return [rule for rule in theirs if rule.kind == kind and rule.value not in values(ours, kind)]
