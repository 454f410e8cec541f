"""Logging a call: its outcome, notes and rating, the contact's stage, and the next call."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fulfilment.batch.lookup import answering_packet
from fulfilment.calls.next_call import refresh_next_call
from fulfilment.calls.schedule import Booking, retry
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput, NotFound
from fulfilment.models import Event, FollowUp, Inquiry, PacketInquiry, Rep
from fulfilment.settings import CompanyProfile
from fulfilment.states import CallOutcome, ContactStage, FollowUpStatus

UNANSWERED = (CallOutcome.NO_ANSWER, CallOutcome.LEFT_MESSAGE)
# Where an outcome moves the contact; a customer stays a customer whatever one call says.
STAGE_AFTER = {
    CallOutcome.WON: ContactStage.CUSTOMER,
    CallOutcome.MEETING_SET: ContactStage.KEY_PROSPECT,
    CallOutcome.QUOTE_REQUESTED: ContactStage.KEY_PROSPECT,
    CallOutcome.NOT_INTERESTED: ContactStage.DEAD,
    CallOutcome.LOST: ContactStage.DEAD,
}
MAX_AMOUNT = Decimal("999999999999.99")


@dataclass(frozen=True)
class CallEntry:
    """What the rep typed about one call, before anything is stored."""

    outcome: str
    rating: int | None = None
    notes: str = ""
    next_on: date | None = None
    amount: str | None = None


@dataclass(frozen=True)
class LoggedCall:
    """The call as stored, and what comes next."""

    call_id: int
    inquiry_id: int
    outcome: str
    rating: int | None
    stage: str
    next_call: date | None
    next_reason: str


def parse_outcome(text: str) -> CallOutcome:
    """An outcome as typed: any case, with spaces, hyphens or underscores between words."""
    key = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    try:
        return CallOutcome(key)
    except ValueError:
        raise BadInput(
            f"outcome {text!r} is not one of: {', '.join(CallOutcome)}; "
            "write two words with a hyphen, e.g. meeting-set"
        ) from None


def _checked(entry: CallEntry, *, today: date) -> tuple[CallOutcome, Decimal | None]:
    """Every problem with the entry, refused before anything is stored."""
    outcome = parse_outcome(entry.outcome)
    if entry.rating is None and outcome not in UNANSWERED:
        raise BadInput(
            f"a call that {'was' if outcome == CallOutcome.REACHED else 'came to'} {outcome} "
            "needs --rating, the chance to close from 1 (none) to 10 (certain)"
        )
    if entry.rating is not None and not 1 <= entry.rating <= 10:
        raise BadInput(f"--rating {entry.rating} is outside 1-10; rate the chance to close 1-10")
    if entry.next_on is not None and entry.next_on < today:
        raise BadInput(
            f"--next {entry.next_on} is in the past; give today ({today}) or a later date"
        )
    return outcome, _amount(entry.amount, outcome)


def _amount(text: str | None, outcome: CallOutcome) -> Decimal | None:
    if text is None:
        return None
    if outcome != CallOutcome.WON:
        raise BadInput(f"--amount is the value of a won sale; this call came to {outcome}")
    try:
        amount = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise BadInput(f"--amount {text!r} is not a number; e.g. --amount 12500.00") from None
    if not amount.is_finite() or not 0 <= amount <= MAX_AMOUNT:
        raise BadInput(f"--amount {text!r} must be between 0 and {MAX_AMOUNT:,}")
    return amount.quantize(Decimal("0.01"))


def log_call(
    uow: UnitOfWork, inquiry_id: int, entry: CallEntry, *, profile: CompanyProfile, now: datetime
) -> LoggedCall:
    """Record a call about an inquiry: it closes the inquiry's open call (or is recorded as one
    made unprompted), moves the contact's stage, and books the next call: the date given, or
    for an unanswered call another try by the rules."""
    outcome, amount = _checked(entry, today=now.date())
    session = uow.session
    inquiry = session.get(Inquiry, inquiry_id)
    if inquiry is None:
        raise NotFound(f"no inquiry {inquiry_id}; see 'litcenter calls due' for calls to make")
    call = _open_call(session, inquiry, now=now)
    call.status, call.outcome, call.rating, call.amount = (
        FollowUpStatus.DONE,
        outcome,
        entry.rating,
        amount,
    )
    call.notes, call.called_at = entry.notes.strip(), now
    contact = inquiry.contact
    stage = STAGE_AFTER.get(outcome)
    if stage and contact.stage != ContactStage.CUSTOMER:
        contact.stage = stage
    if entry.rating is not None:
        inquiry.rating = entry.rating
    following = _next_call(session, call, entry.next_on, outcome, profile=profile, now=now)
    inquiry.events.append(Event(at=now, kind="called", detail=_detail(call, following)))
    session.flush()
    refresh_next_call(session, _about(call))
    uow.commit()
    return LoggedCall(
        call_id=call.id,
        inquiry_id=inquiry.id,
        outcome=outcome,
        rating=entry.rating,
        stage=contact.stage,
        next_call=following.due_on if following else None,
        next_reason=following.reason if following else "",
    )


def _open_call(session: Session, inquiry: Inquiry, *, now: datetime) -> FollowUp:
    """The open call about the inquiry (its own or its packet's), else a new one for the call
    the rep made without one being due."""
    packet = answering_packet(session, inquiry.id)
    about = FollowUp.inquiry_id == inquiry.id
    if packet is not None:
        about = or_(about, FollowUp.packet_id == packet.id)
    call = session.scalar(
        select(FollowUp)
        .where(FollowUp.status == FollowUpStatus.OPEN, about)
        .order_by(FollowUp.due_on, FollowUp.id)
        .limit(1)
        .with_for_update()
    )
    if call is not None:
        return call
    call = FollowUp(
        inquiry_id=inquiry.id,
        packet_id=packet.id if packet else None,
        rep_id=inquiry.rep_id,
        due_on=now.date(),
        reason="called without a call due",
        basis="logged",
        created_at=now,
    )
    session.add(call)
    return call


def _next_call(
    session: Session,
    call: FollowUp,
    next_on: date | None,
    outcome: CallOutcome,
    *,
    profile: CompanyProfile,
    now: datetime,
) -> FollowUp | None:
    booking: Booking | None = None
    attempt = 1
    if next_on is not None:
        booking = Booking(next_on, "logged", 0, f"next step after {outcome}")
    elif outcome in UNANSWERED:
        rep = session.get(Rep, call.rep_id) if call.rep_id else None
        booking = retry(
            profile.follow_up,
            attempt=call.attempt,
            today=now.date(),
            country=(rep.country if rep else "") or profile.default_country,
            region=rep.region if rep else "",
        )
        attempt = call.attempt + 1
    if booking is None:
        return None
    # The call just made is closed first: the database keeps one open call per inquiry.
    session.flush()
    following = FollowUp(
        inquiry_id=call.inquiry_id,
        packet_id=call.packet_id,
        rep_id=call.rep_id,
        due_on=booking.due_on,
        reason=booking.reason,
        basis=booking.basis,
        days=booking.days,
        attempt=attempt,
        created_at=now,
    )
    session.add(following)
    return following


def _about(call: FollowUp) -> list[int]:
    """The inquiries whose next call this call's changes touch: its own and its packet's."""
    session = Session.object_session(call)
    assert session is not None, "the call was just loaded or added"
    if call.packet_id is None:
        return [call.inquiry_id]
    return [
        call.inquiry_id,
        *session.scalars(
            select(PacketInquiry.inquiry_id).where(PacketInquiry.packet_id == call.packet_id)
        ),
    ]


def _detail(call: FollowUp, following: FollowUp | None) -> str:
    parts = [str(call.outcome)]
    if call.rating is not None:
        parts.append(f"rated {call.rating}/10")
    if call.amount is not None:
        parts.append(f"won {call.amount:,.2f}")
    if following is not None:
        parts.append(f"next call {following.due_on} ({following.reason})")
    elif call.outcome in UNANSWERED:
        parts.append(f"no answer after {call.attempt} tries; no further call booked")
    if call.notes:
        parts.append(call.notes)
    return "; ".join(parts)
