"""The demo center after its first batch, with calls due, made and handed out as tests need."""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from fulfilment.db import unit_of_work
from fulfilment.models import Contact, FollowUp, Inquiry, Packet, PacketInquiry, Rep
from fulfilment.states import CallOutcome, FollowUpStatus
from tests.support.steps import run_steps
from tests.support.world import PROFILE, demo_world

BATCH_DAY = date(2026, 11, 24)
MAILED = datetime(2026, 11, 24, 17, 30)
CREATED = datetime(2026, 11, 24, 18, 0)


@dataclass(frozen=True)
class CallWorld:
    """Maria Lopez (R-WEST) owes Jane Cooper a second try due 26 November after one unanswered
    call, Jenny Wilson a call due 27 November and Leslie Alexander, who only collects
    literature and so got no call by the rules, one she set for 10 December."""

    url: str
    home: Path


def _call_of(url: str, name: str) -> int:
    with unit_of_work(url) as uow:
        return uow.session.scalar(
            select(FollowUp.id)
            .join(Inquiry, Inquiry.id == FollowUp.inquiry_id)
            .join(Contact, Contact.id == Inquiry.contact_id)
            .where(Contact.name == name, FollowUp.status == FollowUpStatus.OPEN)
        ) or 0


def call_world(url: str, home: Path, out: Path) -> CallWorld:
    """The demo world's first batch committed, Jane Cooper's packet mailed, due dates set."""
    demo_world(url, home)
    run_steps(url, BATCH_DAY, out, home=home, profile=PROFILE)
    jane, jenny = (_call_of(url, name) for name in ("Jane Cooper", "Jenny Wilson"))
    with unit_of_work(url) as uow:
        session = uow.session
        asked = session.scalars(
            select(Inquiry).join(Contact, Contact.id == Inquiry.contact_id)
            .where(Contact.name == "Leslie Alexander").order_by(Inquiry.id)
        ).first()  # fmt: skip
        assert asked is not None
        set_by_rep = FollowUp(
            inquiry_id=asked.id, rep_id=asked.rep_id, due_on=date(2026, 12, 10),
            reason="next step after reached", basis="logged", created_at=CREATED,
        )  # fmt: skip
        session.add(set_by_rep)
        session.flush()
        leslie = set_by_rep.id
        due = {jane: date(2026, 11, 26), jenny: date(2026, 11, 27), leslie: date(2026, 12, 10)}
        for call_id, day in due.items():
            call = session.get_one(FollowUp, call_id)
            call.due_on = day
        first = session.get_one(FollowUp, jane)
        first.attempt = 2
        first.reason = "try 2 of 4"
        # Jane asked for a call as well as mail: her call was booked at import, not with her
        # packet, so the packet is the one answering her inquiry.
        packet_id = session.scalar(
            select(PacketInquiry.packet_id).where(PacketInquiry.inquiry_id == first.inquiry_id)
        )
        session.get_one(Packet, packet_id).mailed_at = MAILED
        session.add(
            FollowUp(
                inquiry_id=first.inquiry_id, packet_id=first.packet_id, rep_id=first.rep_id,
                due_on=date(2026, 11, 25), status=FollowUpStatus.DONE,
                outcome=CallOutcome.NO_ANSWER, rating=3, notes="line busy all morning",
                called_at=datetime(2026, 11, 25, 10, 15), created_at=CREATED,
            )
        )  # fmt: skip
        uow.commit()
    return CallWorld(url, home)



def add_calls(url: str, *, rep: str, count: int, due: date) -> list[tuple[str, str]]:
    """`count` more contacts with one open call each for the rep; their names and phones."""
    made = []
    with unit_of_work(url) as uow:
        session = uow.session
        rep_id = session.scalar(select(Rep.id).where(Rep.code == rep))
        for n in range(count):
            name, phone = f"Caller {n:02d} Extra", f"+1 650 555 {n:04d}"
            contact = Contact(
                name=name, company=f"Firm {n:02d}", phone=phone, country="US",
                city="Palo Alto", region="CA", postcode="94301", address1=f"{n} Elm St",
                match_key=f"extra-{n}", created_at=CREATED,
            )  # fmt: skip
            inquiry = Inquiry(
                contact=contact, content_hash=f"extra-{n:058d}", received_at=CREATED,
                comments=f"Call about order {n}", created_at=CREATED,
            )  # fmt: skip
            session.add(
                FollowUp(inquiry=inquiry, rep_id=rep_id, due_on=due, created_at=CREATED)
            )
            made.append((name, phone))
        uow.commit()
    return made
