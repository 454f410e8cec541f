"""Build the rendering layer's PacketData from stored packets: the one bridge to render/."""

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from itertools import chain, groupby
from typing import Protocol

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from fulfilment import render
from fulfilment.batch.views import owed_by_earlier_packet
from fulfilment.calls.schedule import Terms, packet_call
from fulfilment.intake.addresses import address_lines
from fulfilment.models import (
    Batch,
    Contact,
    Inquiry,
    InquiryProduct,
    Packet,
    PacketInquiry,
    PacketItem,
    Product,
    ProductRelation,
    Rep,
    UncoveredProduct,
)
from fulfilment.settings import CompanyProfile
from fulfilment.states import ItemStatus
from fulfilment.views import contact_address

# Rows fetched at a time when a batch's packets are streamed.
STREAM_ROWS = 2_000


class _ItemFields(Protocol):
    code: str
    title: str
    kind: str
    status: str
    sent_in_batch_id: int | None
    shelf: str
    qty: int


def enclosure(item: _ItemFields, *, new_edition: bool = False) -> render.Enclosure:
    """A packet item as printed: enclosed unless it is owed, or went under separate cover."""
    return render.Enclosure(
        code=item.code,
        title=item.title,
        kind=item.kind,
        enclosed=item.status != ItemStatus.BACKORDERED and item.sent_in_batch_id is None,
        shelf=item.shelf,
        quantity=item.qty,
        new_edition=new_edition,
    )


def sent_before(
    items: Sequence[PacketItem],
) -> tuple[list[render.Enclosure], list[render.AlreadySent]]:
    """A stored packet's items as the letter tells them: what goes (newer editions marked),
    and what the contact has already, with the day it went."""
    enclosures = []
    already = []
    for item in items:
        if item.status == ItemStatus.SKIPPED and item.already_sent_on is not None:
            already.append(
                render.AlreadySent(
                    code=item.code, title=item.title, kind=item.kind, sent_on=item.already_sent_on
                )
            )
            continue
        enclosures.append(enclosure(item, new_edition=item.new_edition))
    return enclosures, already


def sender(profile: CompanyProfile) -> render.CompanyProfile:
    """The letterhead and return address from litcenter.toml."""
    return render.CompanyProfile(
        name=profile.name,
        return_address=tuple(profile.return_address),
        phone=profile.phone,
        teasers=profile.teasers,
        usps_mailer_id=profile.usps_mailer_id,
    )


def recipient(contact: Contact, *, home_country: str) -> render.Recipient:
    """The contact as letters and envelopes print it: lines without name, country if abroad."""
    address = contact_address(contact)
    return render.Recipient(
        name=contact.name,
        title=contact.title,
        company=contact.company,
        address_lines=tuple(
            address_lines(
                name="", company="", address=address, domestic=contact.country == home_country
            )
        ),
        postcode=contact.postcode,
        country=contact.country,
    )


class PacketContext:
    """What every packet of a batch shares: sender, product range, cross-sell ranking."""

    def __init__(self, session: Session, profile: CompanyProfile) -> None:
        self.profile = profile
        self.sender = sender(profile)
        products = session.scalars(select(Product).order_by(Product.family, Product.code)).all()
        self.range = tuple(
            render.Product(code=p.code, name=p.name, family=p.family, description=p.description)
            for p in products
        )
        self.by_code = {p.code: p for p in self.range}
        self.ranking = render.Ranking(
            relations=tuple(_relations(session)), co_occurrences=tuple(_co_occurrences(session))
        )
        self.labels = render.LabelSetup(
            sheet=profile.label_sheet,
            offset_x_mm=profile.label_offset_x_mm,
            offset_y_mm=profile.label_offset_y_mm,
        )

    def packet(self, packet: Packet, *, business_date: date) -> render.PacketData:
        """One stored packet as the renderers take it."""
        enclosures, already = sent_before(packet.items)
        return self.build(
            number=packet.number,
            inquiries=packet.inquiries,
            business_date=business_date,
            language=packet.language,
            envelope=packet.envelope,
            enclosures=enclosures,
            publication_note=render.PublicationNote(packet.publication, packet.publication_page)
            if packet.publication_page
            else None,
            follow_up=[gap.product.code for gap in packet.uncovered],
            already_sent=already,
        )

    def build(
        self,
        *,
        number: str,
        inquiries: Sequence[Inquiry],
        business_date: date,
        language: str,
        envelope: str,
        enclosures: Sequence[render.Enclosure],
        publication_note: render.PublicationNote | None,
        follow_up: Sequence[str] = (),
        already_sent: Sequence[render.AlreadySent] = (),
    ) -> render.PacketData:
        """A packet for a contact's inquiries (in the order received) with the given contents,
        stored or not.

        `follow_up` are the codes of products asked about that it carries no literature for.
        The rep of the inquiry whose rule makes the call soonest calls, by the day commit books;
        a packet whose rules book no call names no call date.
        """
        home = self.profile.default_country
        call = packet_call(
            self.profile.follow_up,
            [_terms(i, home) for i in inquiries],
            printed=business_date,
            international=inquiries[0].contact.country != home,
        )
        inquiry = inquiries[call[0] if call else 0]
        contact = inquiry.contact
        rep = inquiry.rep
        codes = dict.fromkeys(item.product.code for i in inquiries for item in i.products)
        products = tuple(self.by_code[code] for code in codes)
        reps = tuple(
            dict.fromkeys(
                self._rep(i.rep) for i in sorted(inquiries, key=lambda i: i is not inquiry)
            )
        )
        return render.PacketData(
            number=number,
            date=business_date,
            language="zh" if language == "zh" else "en",
            company=self.sender,
            recipient=recipient(contact, home_country=home),
            products=products,
            enclosures=tuple(enclosures),
            rep=self._rep(rep),
            reps=reps,
            call_date=call[1].due_on if call else None,
            product_range=self.range,
            ranking=self.ranking,
            envelope=envelope,
            labels=self.labels,
            publication_note=publication_note,
            follow_up=tuple(p for p in products if p.code in follow_up),
            already_sent=tuple(already_sent),
        )

    def _rep(self, rep: Rep | None) -> render.Rep:
        """Who calls; the company's sales line where no rep covers the territory."""
        if rep is None:
            return render.Rep(name=f"{self.profile.name} sales", phone=self.profile.phone, email="")
        return render.Rep(name=rep.name, phone=rep.phone, email=rep.email)


def _terms(inquiry: Inquiry, home_country: str) -> Terms:
    rep = inquiry.rep
    return Terms(
        response=inquiry.response,
        timeframe=inquiry.timeframe,
        urgency=inquiry.urgency,
        country=(rep.country if rep else "") or home_country,
        region=rep.region if rep else "",
    )


def load_packets(session: Session, batch_id: int, positions: Sequence[int]) -> list[Packet]:
    """Stored packets of a batch at these positions, with what rendering reads, in order."""
    return _load(session, Packet.batch_id == batch_id, Packet.position.in_(positions))


def stream_picks(session: Session, batch_id: int) -> Iterator[render.PickPacket]:
    """The batch's printed packets as the pick list shows them, streamed as plain rows in order."""
    rows = session.execute(
        select(
            Packet.id.label("packet_id"), Packet.number, Packet.envelope, Contact.name,
            PacketItem.code, PacketItem.title, PacketItem.kind, PacketItem.status,
            PacketItem.sent_in_batch_id, PacketItem.shelf, PacketItem.qty,
        )
        .join(Inquiry, Packet.inquiry_id == Inquiry.id)
        .join(Contact, Inquiry.contact_id == Contact.id)
        .outerjoin(PacketItem, PacketItem.packet_id == Packet.id)
        .where(Packet.batch_id == batch_id, Packet.channel == "print")
        .order_by(Packet.position, PacketItem.id)
        .execution_options(yield_per=STREAM_ROWS)
    )  # fmt: skip
    for _, (first, *rest) in groupby(rows, key=lambda row: row.packet_id):
        yield render.PickPacket(
            number=first.number,
            name=first.name,
            envelope=first.envelope,
            enclosures=tuple(
                enclosure(item)
                for item in (first, *rest)
                if item.code is not None and item.status != ItemStatus.SKIPPED
            ),
        )


def load_pick_totals(
    session: Session, batch_id: int, *, also: Sequence[render.PickPacket] = ()
) -> render.PickTotals:
    """What the batch's printed packets, and `also` after them, pull in all, counted in SQL.

    Each item is named as the first packet that encloses it has it, as the packets list it.
    """
    enclosed = (
        Packet.batch_id == batch_id,
        Packet.channel == "print",
        PacketItem.status.not_in((ItemStatus.BACKORDERED, ItemStatus.SKIPPED)),
        PacketItem.sent_in_batch_id.is_(None),
    )
    printed = session.scalar(
        select(func.count()).where(Packet.batch_id == batch_id, Packet.channel == "print")
    )
    rows = session.execute(
        select(PacketItem.code, PacketItem.title, PacketItem.kind, PacketItem.shelf,
               func.sum(PacketItem.qty))
        .join(Packet, PacketItem.packet_id == Packet.id)
        .where(*enclosed)
        .group_by(PacketItem.code, PacketItem.title, PacketItem.kind, PacketItem.shelf)
        .order_by(func.min(Packet.position), func.min(PacketItem.id))
    )  # fmt: skip
    counted = (
        (render.Enclosure(code=code, title=title, kind=kind, shelf=shelf), int(qty))
        for code, title, kind, shelf, qty in rows
    )
    owed = ((item, item.quantity) for packet in also for item in packet.enclosed)
    return render.pick_totals((printed or 0) + len(also), chain(counted, owed))


def load_separate_cover(
    session: Session, batch_id: int, context: PacketContext, *, business_date: date
) -> list[render.PacketData]:
    """Earlier packets whose backordered items this batch sends, each carrying just those."""
    return [
        replace(
            context.packet(packet, business_date=business_date),
            # The first letter told of the rep's follow-up; this shipment carries only the owed.
            follow_up=(),
            enclosures=tuple(
                render.Enclosure(
                    code=item.code,
                    title=item.title,
                    kind=item.kind,
                    shelf=item.shelf,
                    quantity=item.qty,
                )
                for item in packet.items
                if item.sent_in_batch_id == batch_id
            ),
        )
        for packet in _load(session, owed_by_earlier_packet(batch_id))
    ]


def load_cover_notes(
    session: Session, batch_id: int, owed: Sequence[render.PacketData]
) -> list[render.CoverNote]:
    """The owed packets' cover notes in their order, each dated as its packet's letter was."""
    letter_dates = dict(
        session.execute(
            select(Packet.number, Batch.business_date)
            .join(Batch, Packet.batch_id == Batch.id)
            .where(owed_by_earlier_packet(batch_id))
        ).all()
    )
    return [
        render.CoverNote(packet=packet, letter_date=letter_dates[packet.number]) for packet in owed
    ]


def _load(session: Session, *where: ColumnElement[bool]) -> list[Packet]:
    return list(
        session.scalars(
            select(Packet)
            .where(*where)
            .options(
                selectinload(Packet.items),
                selectinload(Packet.uncovered_records).selectinload(UncoveredProduct.product),
                selectinload(Packet.answers)
                .selectinload(PacketInquiry.inquiry)
                .selectinload(Inquiry.contact),
                selectinload(Packet.answers)
                .selectinload(PacketInquiry.inquiry)
                .selectinload(Inquiry.rep),
                selectinload(Packet.answers)
                .selectinload(PacketInquiry.inquiry)
                .selectinload(Inquiry.products)
                .selectinload(InquiryProduct.product),
            )
            .order_by(Packet.batch_id, Packet.position)
        )
    )


def _relations(session: Session) -> list[render.ProductRelation]:
    source, target = aliased(Product), aliased(Product)
    rows = session.execute(
        select(source.code, target.code)
        .join(ProductRelation, ProductRelation.product_id == source.id)
        .join(target, ProductRelation.related_id == target.id)
    )
    return [render.ProductRelation(product=a, related=b) for a, b in rows]


def _co_occurrences(session: Session) -> list[render.CoOccurrence]:
    """How often two products were asked about together, counted in the database."""
    first, second = aliased(InquiryProduct), aliased(InquiryProduct)
    one, other = aliased(Product), aliased(Product)
    rows = session.execute(
        select(one.code, other.code, func.count())
        .select_from(first)
        .join(
            second, (first.inquiry_id == second.inquiry_id) & (first.product_id < second.product_id)
        )
        .join(one, one.id == first.product_id)
        .join(other, other.id == second.product_id)
        .group_by(one.code, other.code)
    )
    return [render.CoOccurrence(first=a, second=b, count=n) for a, b, n in rows]
