"""Step 1, plan: which inquiries the day's batch answers, with what, and which wait and why."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from fulfilment.batch.contents import Library, Literature, plan_contents
from fulfilment.batch.numbers import packet_number
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput, LitcenterError
from fulfilment.models import Batch, BatchHold, Event, Inquiry, InquiryProduct, Packet, PacketItem
from fulfilment.settings import CompanyProfile
from inventory.lookup import product_codes
from inventory.models import LiteratureItem, LiteratureProduct, Substitute

ANSWERED_BY_PACKET = ("mail", "both", "email")
WAITING = ("new", "held")


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
    items = session.scalars(
        select(LiteratureItem)
        .where(LiteratureItem.status == "active", LiteratureItem.kind != "supply")
        .order_by(LiteratureItem.id)
    ).all()
    links = session.execute(
        select(LiteratureProduct.item_id, LiteratureProduct.product_id).order_by(
            LiteratureProduct.item_id, LiteratureProduct.position
        )
    ).all()
    codes = product_codes(session, {product_id for _, product_id in links})
    covered: dict[int, list[str]] = {}
    for item_id, product_id in links:
        covered.setdefault(item_id, []).append(codes[product_id])
    _hand_over_retired(session, covered, active={item.id for item in items})
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
            )
            for item in items
        ]
    )


def _hand_over_retired(
    session: Session, covered: dict[int, list[str]], *, active: set[int]
) -> None:
    """A retired item's products go to its best active substitute, so requests still find it."""
    pairs = session.execute(
        select(Substitute.item_id, Substitute.substitute_id)
        .join(LiteratureItem, LiteratureItem.id == Substitute.item_id)
        .where(LiteratureItem.status == "retired")
        .order_by(Substitute.item_id, Substitute.rank)
    ).all()
    handed: set[int] = set()
    for retired, substitute in pairs:
        if retired in handed or substitute not in active:
            continue
        handed.add(retired)
        products = covered.setdefault(substitute, [])
        products += [code for code in covered.get(retired, []) if code not in products]


def _waiting_inquiries(session: Session, before: datetime) -> list[Inquiry]:
    """Inquiries owed a packet, rush first, then oldest first."""
    answered = select(Packet.inquiry_id)
    return list(
        session.scalars(
            select(Inquiry)
            .where(
                Inquiry.received_at < before,
                Inquiry.response.in_(ANSWERED_BY_PACKET),
                Inquiry.status.in_(WAITING),
                Inquiry.id.not_in(answered),
            )
            .options(
                selectinload(Inquiry.contact),
                selectinload(Inquiry.products).selectinload(InquiryProduct.product),
            )
            .order_by((Inquiry.urgency != "rush"), Inquiry.received_at, Inquiry.id)
        )
    )


def plan_batch(url: str, business_date: date, *, profile: CompanyProfile) -> PlanResult:
    """Create the day's batch with its packets and holds, or find the one already planned."""
    with unit_of_work(url) as uow:
        session = uow.session
        existing = session.scalar(select(Batch.id).where(Batch.business_date == business_date))
        if existing is not None:
            return PlanResult(batch_id=existing, created=False)
        now = local_now(profile.timezone)
        batch = Batch(business_date=business_date, created_at=now, updated_at=now)
        try:
            session.add(batch)
            # Queries in _fill flush the batch: a clash can surface there as well as at commit.
            _fill(session, batch, profile=profile, now=now)
            uow.commit()
        except IntegrityError as exc:
            raise LitcenterError(
                f"another batch run planned {business_date} or its inquiries at the same moment; "
                "run the batch again to continue it"
            ) from exc
        return PlanResult(batch_id=batch.id, created=True)


def _fill(session: Session, batch: Batch, *, profile: CompanyProfile, now: datetime) -> None:
    library = load_library(session)
    position = 0
    for inquiry in _waiting_inquiries(session, cutoff(batch.business_date, profile)):
        contact = inquiry.contact
        try:
            contents = plan_contents(
                products=[item.product.code for item in inquiry.products],
                country=contact.country,
                home_country=profile.default_country,
                response=inquiry.response,
                publication=inquiry.source_detail,
                page=inquiry.source_page,
                library=library,
            )
        except BadInput as reason:
            batch.holds.append(BatchHold(inquiry_id=inquiry.id, reason=str(reason)))
            inquiry.status = "held"
            session.add(Event(inquiry_id=inquiry.id, at=now, kind="held", detail=str(reason)))
            continue
        position += 1
        number = packet_number(batch.business_date, position)
        batch.packets.append(
            Packet(
                number=number,
                inquiry=inquiry,
                position=position,
                channel=contents.channel,
                language=contents.language,
                envelope=contents.envelope,
                sheets=contents.sheets,
                weight_g=contents.weight_g,
                postage_class=contents.postage_class,
                publication=contents.page_note[0] if contents.page_note else "",
                publication_page=contents.page_note[1] if contents.page_note else None,
                items=[
                    PacketItem(
                        code=item.code,
                        requested_code=item.code,
                        title=item.title,
                        kind=item.kind,
                        shelf=item.shelf,
                        weight_g=item.weight_g,
                    )
                    for item in contents.items
                ],
            )
        )
        inquiry.status = "planned"
        # Added to the session, not to inquiry.events: appending would load each inquiry's
        # timeline, and every load flushes the growing batch first.
        session.add(
            Event(
                inquiry_id=inquiry.id,
                at=now,
                kind="planned",
                detail=f"packet {number} in the batch of {batch.business_date}",
            )
        )
