"""Step 1, plan: a packet per contact for the day's waiting inquiries, with what; who waits, why."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fulfilment.batch.contents import Library, Literature, NothingToSend, Received, plan_contents
from fulfilment.batch.coverage import active_items, products_by_item
from fulfilment.batch.history import less_resent, received_since
from fulfilment.batch.numbers import packet_number
from fulfilment.batch.publications import page_number
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput, LitcenterError
from fulfilment.models import (
    Batch,
    BatchHold,
    Contact,
    Event,
    Inquiry,
    InquiryProduct,
    Packet,
    PacketInquiry,
    PacketItem,
    Product,
    UncoveredProduct,
    UnmatchedPublication,
)
from fulfilment.settings import CompanyProfile
from fulfilment.states import InquiryStatus, ItemStatus, PacketStatus

ANSWERED_BY_PACKET = ("mail", "both", "email")
WAITING = (InquiryStatus.NEW, InquiryStatus.HELD)
# Rows are written this many inquiries at a time: a big batch never holds them all in memory.
WRITE_EVERY = 1000
# Core statements take a Table; the ORM types a mapped class's __table__ as a FromClause.
_PACKET_TABLE = cast(Table, Packet.__table__)
_PACKET_ITEM_TABLE = cast(Table, PacketItem.__table__)
_PACKET_INQUIRY_TABLE = cast(Table, PacketInquiry.__table__)
_BATCH_HOLD_TABLE = cast(Table, BatchHold.__table__)
_EVENT_TABLE = cast(Table, Event.__table__)
_UNCOVERED_TABLE = cast(Table, UncoveredProduct.__table__)
_UNMATCHED_TABLE = cast(Table, UnmatchedPublication.__table__)


@dataclass(frozen=True)
class PlanResult:
    """The batch planned for a date: its id, and whether this call created it."""

    batch_id: int
    created: bool


def cutoff(business_date: date, profile: CompanyProfile) -> datetime:
    """Inquiries received before this moment belong to the day's batch."""
    return datetime.combine(business_date, profile.cutoff)


def load_library(session: Session) -> Library:
    """Every active literature item with the product codes it covers."""
    items = active_items(session)
    covered = products_by_item(session, {item.id for item in items})
    return Library(
        [
            Literature(
                code=item.code,
                title=item.title,
                kind=item.kind,
                products=tuple(covered.get(item.id, [])),
                pages=item.page_count or 2,
                paper_size=item.paper_size,
                weight_g=item.weight_g or 0,
                shelf=item.shelf,
                has_pdf=item.pdf_sha256 is not None,
                aliases=tuple(item.aliases),
                edition=item.edition,
            )
            for item in items
        ]
    )


@dataclass(frozen=True)
class _Waiting:
    """An inquiry owed a packet, as the plain values planning needs."""

    id: int
    contact_id: int
    response: str
    publication: str
    page: str
    country: str
    products: dict[str, int]
    resend_all: bool
    resend_codes: tuple[str, ...]


@dataclass(frozen=True)
class _Group:
    """One contact's waiting inquiries of one channel, in the order received: one packet."""

    inquiries: list[_Waiting]
    received: dict[str, Received]

    @property
    def first(self) -> _Waiting:
        return self.inquiries[0]

    @property
    def products(self) -> list[str]:
        """Every product asked about, in the order asked, each once."""
        return list(dict.fromkeys(code for i in self.inquiries for code in i.products))

    def still_received(self) -> dict[str, Received]:
        """What the contact has, less what staff asked any of these inquiries to send again."""
        return less_resent(
            self.received,
            resend_all=any(i.resend_all for i in self.inquiries),
            resend_codes={code for i in self.inquiries for code in i.resend_codes},
        )


def _waiting_groups(
    session: Session, before: datetime, *, business_date: date, resend_after_days: int
) -> Iterator[_Group]:
    """The waiting inquiries by contact and channel, the group with a rush inquiry first,
    then the one waiting longest.

    Their ids are read in that order first, then what planning needs a slice at a time, as
    plain rows: memory holds one slice however many inquiries wait, and loading them as ORM
    objects was most of planning's time.
    """
    waiting = session.execute(
        select(Inquiry.id, Inquiry.contact_id, Inquiry.response == "email", Inquiry.received_at)
        .where(
            Inquiry.received_at < before,
            Inquiry.response.in_(ANSWERED_BY_PACKET),
            Inquiry.status.in_(WAITING),
            Inquiry.id.not_in(select(PacketInquiry.inquiry_id)),
        )
        .order_by((Inquiry.urgency != "rush"), Inquiry.received_at, Inquiry.id)
    ).all()
    groups: dict[tuple[int, bool], list[tuple[datetime, int]]] = {}
    for id_, contact_id, by_email, received_at in waiting:
        groups.setdefault((contact_id, bool(by_email)), []).append((received_at, id_))
    ordered = list(groups.values())
    start = 0
    while start < len(ordered):
        end, count = start, 0
        while end < len(ordered) and count < WRITE_EVERY:
            count += len(ordered[end])
            end += 1
        some = ordered[start:end]
        loaded = _load_waiting(session, [id_ for group in some for _, id_ in group])
        contacts = {loaded[group[0][1]].contact_id for group in some}
        received = received_since(
            session, contacts, business_date=business_date, days=resend_after_days
        )
        for group in some:
            # Received order: the group's ids came in urgency order, the letter lists as asked.
            inquiries = [loaded[id_] for _, id_ in sorted(group)]
            yield _Group(inquiries, received.get(inquiries[0].contact_id, {}))
        start = end


def _load_waiting(session: Session, ids: Sequence[int]) -> dict[int, _Waiting]:
    rows = {
        row.id: row
        for row in session.execute(
            select(Inquiry.id, Inquiry.contact_id, Inquiry.response, Inquiry.source_detail,
                   Inquiry.source_page, Inquiry.resend_all, Inquiry.resend_codes,
                   Contact.country)
            .join(Contact, Contact.id == Inquiry.contact_id)
            .where(Inquiry.id.in_(ids))
        )
    }  # fmt: skip
    asked: dict[int, dict[str, int]] = {}
    for inquiry_id, code, product_id in session.execute(
        select(InquiryProduct.inquiry_id, Product.code, Product.id)
        .join(Product, Product.id == InquiryProduct.product_id)
        .where(InquiryProduct.inquiry_id.in_(ids))
        .order_by(InquiryProduct.inquiry_id, InquiryProduct.position)
    ):
        asked.setdefault(inquiry_id, {})[code] = product_id
    return {
        id_: _Waiting(
            id=id_,
            contact_id=row.contact_id,
            response=row.response,
            publication=row.source_detail,
            page=row.source_page,
            country=row.country,
            products=asked.get(id_, {}),
            resend_all=bool(row.resend_all),
            resend_codes=tuple(row.resend_codes or ()),
        )
        for id_, row in rows.items()
    }


def plan_batch(
    uow: UnitOfWork, business_date: date, *, profile: CompanyProfile, now: datetime
) -> PlanResult:
    """Create the day's batch with its packets and holds, or find the one already planned."""
    session = uow.session
    existing = session.scalar(select(Batch.id).where(Batch.business_date == business_date))
    if existing is not None:
        return PlanResult(batch_id=existing, created=False)
    batch = Batch(business_date=business_date, created_at=now, updated_at=now)
    try:
        session.add(batch)
        # A clash can surface at this flush, at any of _fill's inserts, or at commit.
        session.flush()
        _fill(session, batch, profile=profile, now=now)
        uow.commit()
    except IntegrityError as exc:
        raise LitcenterError(
            f"another batch run planned {business_date} or its inquiries at the same moment; "
            "run the batch again to continue it"
        ) from exc
    return PlanResult(batch_id=batch.id, created=True)


def _fill(session: Session, batch: Batch, *, profile: CompanyProfile, now: datetime) -> None:
    """Packets, items, holds and timeline events as bulk inserts, in the order planned."""
    library = load_library(session)
    pending = _Pending(batch.id)
    position = 0
    groups = _waiting_groups(
        session,
        cutoff(batch.business_date, profile),
        business_date=batch.business_date,
        resend_after_days=profile.resend_after_days,
    )
    for group in groups:
        if len(pending) >= WRITE_EVERY:
            pending.write(session)
        # The page note comes from the first inquiry that names a publication and a page.
        cited = next(
            (i for i in group.inquiries if i.publication.strip() and page_number(i.page)),
            group.first,
        )
        try:
            contents = plan_contents(
                products=group.products,
                country=group.first.country,
                home_country=profile.default_country,
                response=group.first.response,
                publication=cited.publication,
                page=cited.page,
                library=library,
                received=group.still_received(),
            )
        except BadInput as reason:
            for inquiry in group.inquiries:
                pending.holds.append(
                    {"batch_id": batch.id, "inquiry_id": inquiry.id, "reason": str(reason)}
                )
                pending.events.append(_event(inquiry.id, now, "held", str(reason)))
                if isinstance(reason, NothingToSend):
                    pending.uncovered(inquiry, reason.uncovered)
            continue
        for inquiry in group.inquiries:
            pending.uncovered(inquiry, contents.uncovered)
        if contents.unmatched_publication:
            publication, page = contents.unmatched_publication
            pending.unmatched.append(
                {"batch_id": batch.id, "inquiry_id": cited.id, "publication": publication,
                 "page": page}
            )  # fmt: skip
        position += 1
        number = packet_number(batch.business_date, position)
        pending.packets.append(
            {"number": number, "batch_id": batch.id, "inquiry_id": group.first.id,
             "position": position, "channel": contents.channel, "status": PacketStatus.PLANNED,
             "language": contents.language, "envelope": contents.envelope,
             "sheets": contents.sheets, "weight_g": contents.weight_g,
             "postage_class": contents.postage_class,
             "publication": contents.page_note[0] if contents.page_note else "",
             "publication_page": contents.page_note[1] if contents.page_note else None}
        )  # fmt: skip
        pending.answers.append([inquiry.id for inquiry in group.inquiries])
        pending.items.append(
            [
                {"code": item.code, "requested_code": item.code, "title": item.title,
                 "kind": item.kind, "qty": 1,
                 "status": ItemStatus.SKIPPED if item.skipped else ItemStatus.PLANNED,
                 "shelf": item.shelf, "weight_g": item.weight_g, "edition": item.edition,
                 "new_edition": item.new_edition, "already_sent_on": item.already_sent_on,
                 "sent_in_batch_id": None}
                for item in contents.items
            ]
        )  # fmt: skip
        detail = f"packet {number} in the batch of {batch.business_date}"
        for inquiry in group.inquiries:
            pending.events.append(_event(inquiry.id, now, "planned", detail))
    pending.write(session)
    answered = select(PacketInquiry.inquiry_id).join(Packet).where(Packet.batch_id == batch.id)
    session.execute(
        update(Inquiry)
        .where(Inquiry.id.in_(answered))
        .values(status=InquiryStatus.PLANNED)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Inquiry)
        .where(Inquiry.id.in_(select(BatchHold.inquiry_id).where(BatchHold.batch_id == batch.id)))
        .values(status=InquiryStatus.HELD)
        .execution_options(synchronize_session=False)
    )


class _Pending:
    """Planned rows not written yet: packets with their items, holds, timeline events, and
    the products and publications no literature answered."""

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self.packets: list[dict[str, Any]] = []
        self.items: list[list[dict[str, Any]]] = []
        self.answers: list[list[int]] = []
        self.holds: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.gaps: list[dict[str, Any]] = []
        self.unmatched: list[dict[str, Any]] = []

    def uncovered(self, inquiry: _Waiting, codes: Sequence[str]) -> None:
        """Record the inquiry's products no literature covers, for the letter and the gaps."""
        self.gaps += [
            {"batch_id": self.batch_id, "inquiry_id": inquiry.id,
             "product_id": inquiry.products[code]}
            for code in codes
            if code in inquiry.products
        ]  # fmt: skip

    def __len__(self) -> int:
        return len(self.packets) + len(self.holds)

    def write(self, session: Session) -> None:
        """Core executemany inserts, then empty again.

        Not the ORM's bulk insert, which splits rows by which values are None; not RETURNING
        in parameter order, which makes SQLite insert one row per statement.
        """
        if self.packets:
            session.execute(insert(_PACKET_TABLE), self.packets)
            first, last = self.packets[0]["position"], self.packets[-1]["position"]
            ids = dict(
                session.execute(
                    select(Packet.position, Packet.id).where(
                        Packet.batch_id == self.batch_id, Packet.position.between(first, last)
                    )
                ).all()
            )
            rows = [
                {**item, "packet_id": ids[packet["position"]]}
                for packet, planned in zip(self.packets, self.items, strict=True)
                for item in planned
            ]
            if rows:
                session.execute(insert(_PACKET_ITEM_TABLE), rows)
            session.execute(
                insert(_PACKET_INQUIRY_TABLE),
                [
                    {"packet_id": ids[packet["position"]], "inquiry_id": inquiry_id,
                     "position": n}
                    for packet, answered in zip(self.packets, self.answers, strict=True)
                    for n, inquiry_id in enumerate(answered, 1)
                ],
            )  # fmt: skip
        if self.holds:
            session.execute(insert(_BATCH_HOLD_TABLE), self.holds)
        if self.events:
            session.execute(insert(_EVENT_TABLE), self.events)
        if self.gaps:
            session.execute(insert(_UNCOVERED_TABLE), self.gaps)
        if self.unmatched:
            session.execute(insert(_UNMATCHED_TABLE), self.unmatched)
        self.packets, self.items, self.answers, self.holds, self.events = [], [], [], [], []
        self.gaps, self.unmatched = [], []


def _event(inquiry_id: int, at: datetime, kind: str, detail: str) -> dict[str, Any]:
    return {"inquiry_id": inquiry_id, "at": at, "kind": kind, "detail": detail}
