"""SQLAlchemy models: contacts, inquiries, products, reps, quarantine, batches, packets, calls."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fulfilment.db import Base
from fulfilment.limits import FIELD_LENGTHS as L
from fulfilment.states import (
    BatchStatus,
    CallOutcome,
    ContactStage,
    FollowUpStatus,
    InquiryStatus,
    ItemStatus,
    PacketStatus,
    QuarantineStatus,
    one_of,
)


class Contact(Base):
    """A person or company that asked us for information; one timeline each."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(L["name"]), default="")
    title: Mapped[str] = mapped_column(String(L["title"]), default="")
    company: Mapped[str] = mapped_column(String(L["company"]), default="")
    address1: Mapped[str] = mapped_column(String(L["address1"]), default="")
    address2: Mapped[str] = mapped_column(String(L["address2"]), default="")
    city: Mapped[str] = mapped_column(String(L["city"]), default="")
    region: Mapped[str] = mapped_column(String(L["region"]), default="")
    postcode: Mapped[str] = mapped_column(String(L["postcode"]), default="")
    country: Mapped[str] = mapped_column(String(2))
    phone: Mapped[str] = mapped_column(String(L["phone"]), default="")
    fax: Mapped[str] = mapped_column(String(L["fax"]), default="")
    email: Mapped[str] = mapped_column(String(L["email"]), default="")
    email_key: Mapped[str | None] = mapped_column(String(L["email"]), unique=True)
    match_key: Mapped[str] = mapped_column(String(500), index=True)
    stage: Mapped[str] = mapped_column(String(20), default=ContactStage.PROSPECT)
    principal: Mapped[str] = mapped_column(String(L["name"]), default="")
    handler: Mapped[str] = mapped_column(String(L["name"]), default="")
    credit_status: Mapped[str] = mapped_column(String(40), default="")
    employer: Mapped[str] = mapped_column(String(L["company"]), default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    first_contact_at: Mapped[datetime | None]
    last_transaction_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    inquiries: Mapped[list["Inquiry"]] = relationship(back_populates="contact")


class Product(Base):
    """Something the company sells and inquirers ask about."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    family: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class ProductRelation(Base):
    """A product that someone asking about another one usually needs too."""

    __tablename__ = "product_relations"
    __table_args__ = (UniqueConstraint("product_id", "related_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    related_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))


class Rep(Base):
    """A sales rep who follows up the inquiries of a territory."""

    __tablename__ = "reps"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(L["name"]))
    email: Mapped[str] = mapped_column(String(L["email"]), default="")
    phone: Mapped[str] = mapped_column(String(L["phone"]), default="")
    # Where the rep works, for the business days their calls are due in: an ISO country code
    # (empty: the company's) and a subdivision code of the `holidays` package (empty: none).
    country: Mapped[str] = mapped_column(String(2), default="")
    region: Mapped[str] = mapped_column(String(10), default="")
    active: Mapped[bool] = mapped_column(default=True)
    # A retired rep keeps every record and is never assigned again.
    retired_at: Mapped[datetime | None] = mapped_column(default=None)

    territory: Mapped[list["TerritoryRule"]] = relationship(
        back_populates="rep", cascade="all, delete-orphan"
    )


class TerritoryRule(Base):
    """One value of a rep's territory: a country, region, postcode prefix or product family."""

    __tablename__ = "territory_rules"
    __table_args__ = (UniqueConstraint("rep_id", "kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(100))

    rep: Mapped[Rep] = relationship(back_populates="territory")


class InquiryProduct(Base):
    """A product asked about in an inquiry, in the order the inquirer named them."""

    __tablename__ = "inquiry_products"

    inquiry_id: Mapped[int] = mapped_column(
        ForeignKey("inquiries.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    position: Mapped[int]

    product: Mapped[Product] = relationship()


class Inquiry(Base):
    """One request for information, from receipt to the rep's rating."""

    __tablename__ = "inquiries"
    __table_args__ = (
        Index("ix_inquiries_status_received", "status", "received_at"),
        CheckConstraint("rating BETWEEN 1 AND 10", name="ck_inquiries_rating"),
        CheckConstraint(one_of("status", InquiryStatus), name="ck_inquiries_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(L["external_id"]), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"), index=True)
    received_at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(L["source"]), default="")
    source_detail: Mapped[str] = mapped_column(String(L["source_detail"]), default="")
    source_page: Mapped[str] = mapped_column(String(L["source_page"]), default="")
    response: Mapped[str] = mapped_column(String(10), default="mail")
    timeframe: Mapped[str] = mapped_column(String(10), default="unknown")
    urgency: Mapped[str] = mapped_column(String(10), default="normal")
    use: Mapped[str] = mapped_column(String(L["use"]), default="")
    comments: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20), default=InquiryStatus.NEW)
    mailed_at: Mapped[datetime | None]
    custom: Mapped[dict[str, Any]] = mapped_column(default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Staff asked for literature to go again although the contact has it: every item, or these.
    resend_all: Mapped[bool] = mapped_column(default=False)
    resend_codes: Mapped[list[str]] = mapped_column(default=list)
    # The open call about this inquiry (its own or its packet's), kept here so every list of
    # inquiries sorts and filters by it; `fulfilment.calls.next_call` keeps it current.
    next_call_on: Mapped[date | None] = mapped_column(default=None, index=True)
    next_call_rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"), default=None)
    next_call_reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]

    contact: Mapped[Contact] = relationship(back_populates="inquiries")
    rep: Mapped[Rep | None] = relationship(foreign_keys=[rep_id])
    products: Mapped[list[InquiryProduct]] = relationship(
        order_by=InquiryProduct.position, cascade="all, delete-orphan"
    )
    events: Mapped[list["Event"]] = relationship(
        order_by="Event.at, Event.id", cascade="all, delete-orphan"
    )


class Event(Base):
    """One entry of an inquiry's timeline: received, imported, mailed, called."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(
        ForeignKey("inquiries.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text, default="")


class QuarantinedRow(Base):
    """An input row we could not accept, kept whole with every reason until it is fixed."""

    __tablename__ = "quarantined_rows"
    __table_args__ = (
        CheckConstraint(one_of("status", QuarantineStatus), name="ck_quarantined_rows_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(500))
    row_number: Mapped[int]
    external_id: Mapped[str | None] = mapped_column(String(500), index=True)
    raw_hash: Mapped[str] = mapped_column(String(64), unique=True)
    raw: Mapped[dict[str, Any]]
    fixes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reasons: Mapped[list[str]]
    status: Mapped[str] = mapped_column(String(20), default=QuarantineStatus.OPEN)
    inquiry_id: Mapped[int | None] = mapped_column(ForeignKey("inquiries.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    inquiry: Mapped[Inquiry | None] = relationship()


class Batch(Base):
    """One business day's run from new inquiries to print-ready packets, keyed by its date."""

    __tablename__ = "batches"
    __table_args__ = (CheckConstraint(one_of("status", BatchStatus), name="ck_batches_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    business_date: Mapped[date] = mapped_column(unique=True)
    status: Mapped[str] = mapped_column(String(12), default=BatchStatus.PLANNED)
    out_dir: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    packets: Mapped[list["Packet"]] = relationship(
        back_populates="batch", order_by="Packet.position"
    )
    holds: Mapped[list["BatchHold"]] = relationship(order_by="BatchHold.id")


class Packet(Base):
    """The reply to a contact's waiting inquiries: printed and mailed, or e-mailed as one PDF.

    `inquiry_id` names its first inquiry; `answers` links every inquiry it answers.
    """

    __tablename__ = "packets"
    __table_args__ = (
        UniqueConstraint("batch_id", "position"),
        CheckConstraint(one_of("status", PacketStatus), name="ck_packets_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id"), unique=True)
    position: Mapped[int]
    channel: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default=PacketStatus.PLANNED)
    language: Mapped[str] = mapped_column(String(8))
    envelope: Mapped[str] = mapped_column(String(20), default="")
    sheets: Mapped[int] = mapped_column(default=0)
    weight_g: Mapped[int] = mapped_column(default=0)
    postage_class: Mapped[str] = mapped_column(String(30), default="")
    publication: Mapped[str] = mapped_column(String(200), default="")
    publication_page: Mapped[int | None]
    printed_at: Mapped[datetime | None]
    mailed_at: Mapped[datetime | None]

    batch: Mapped[Batch] = relationship(back_populates="packets")
    inquiry: Mapped[Inquiry] = relationship()
    answers: Mapped[list["PacketInquiry"]] = relationship(
        order_by="PacketInquiry.position", cascade="all, delete-orphan"
    )
    items: Mapped[list["PacketItem"]] = relationship(
        order_by="PacketItem.id", cascade="all, delete-orphan"
    )
    # What the letter says the rep follows up on: this batch's record for its inquiries.
    uncovered_records: Mapped[list["UncoveredProduct"]] = relationship(
        secondary="packet_inquiries",
        primaryjoin="Packet.id == PacketInquiry.packet_id",
        secondaryjoin="PacketInquiry.inquiry_id == foreign(UncoveredProduct.inquiry_id)",
        viewonly=True,
    )

    @property
    def inquiries(self) -> list[Inquiry]:
        """The inquiries it answers, in the order they were received."""
        return [answer.inquiry for answer in self.answers]

    @property
    def uncovered(self) -> list["UncoveredProduct"]:
        """The products its inquiries asked about that no literature covered in its batch."""
        return [gap for gap in self.uncovered_records if gap.batch_id == self.batch_id]


class PacketInquiry(Base):
    """An inquiry a packet answers; one packet answers an inquiry at most."""

    __tablename__ = "packet_inquiries"

    packet_id: Mapped[int] = mapped_column(
        ForeignKey("packets.id", ondelete="CASCADE"), primary_key=True
    )
    inquiry_id: Mapped[int] = mapped_column(
        ForeignKey("inquiries.id"), primary_key=True, unique=True
    )
    position: Mapped[int]

    inquiry: Mapped[Inquiry] = relationship()


class PacketItem(Base):
    """A literature item planned for a packet and what became of it in the reservation."""

    __tablename__ = "packet_items"
    __table_args__ = (CheckConstraint(one_of("status", ItemStatus), name="ck_packet_items_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[int] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    requested_code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    qty: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(12), default=ItemStatus.PLANNED)
    shelf: Mapped[str] = mapped_column(String(40), default="")
    weight_g: Mapped[int] = mapped_column(default=0)
    # The item's edition when planned; whether the contact had an older one; for a skipped
    # item, the day the contact received it.
    edition: Mapped[int | None] = mapped_column(default=None)
    new_edition: Mapped[bool] = mapped_column(default=False)
    already_sent_on: Mapped[date | None] = mapped_column(default=None)
    # A backordered item goes out under separate cover with the first batch that finds stock.
    sent_in_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("batches.id"), index=True, default=None
    )


class BatchHold(Base):
    """An inquiry the batch could not answer yet, and why."""

    __tablename__ = "batch_holds"
    __table_args__ = (UniqueConstraint("batch_id", "inquiry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"))
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id"))
    reason: Mapped[str] = mapped_column(Text)


class UncoveredProduct(Base):
    """A product an inquiry asked about that no literature covered when a batch planned it."""

    __tablename__ = "uncovered_products"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True
    )
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True, index=True)

    product: Mapped[Product] = relationship()


class UnmatchedPublication(Base):
    """A publication and page an inquiry gave that no bulletin matched when a batch planned it."""

    __tablename__ = "unmatched_publications"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True
    )
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id"), primary_key=True)
    publication: Mapped[str] = mapped_column(String(L["source_detail"]))
    page: Mapped[int]


class FollowUp(Base):
    """A call a rep owes about an inquiry (a packet's calls follow its most urgent inquiry).

    Open until the rep logs it; then done with its outcome, notes and rating. A further try or
    the next step is a new row, so an inquiry's calls are its call history.
    """

    __tablename__ = "follow_ups"
    __table_args__ = (
        CheckConstraint(one_of("status", FollowUpStatus), name="ck_follow_ups_status"),
        CheckConstraint(one_of("outcome", CallOutcome), name="ck_follow_ups_outcome"),
        CheckConstraint("rating BETWEEN 1 AND 10", name="ck_follow_ups_rating"),
        CheckConstraint("basis IN ('received', 'printed', 'mailed', 'logged')",
                        name="ck_follow_ups_basis"),
        # One open call per inquiry.
        Index("uq_follow_ups_open_inquiry", "inquiry_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
        Index("ix_follow_ups_status_due", "status", "due_on"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id"), index=True)
    packet_id: Mapped[int | None] = mapped_column(ForeignKey("packets.id"), index=True)
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"), index=True)
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(12), default=FollowUpStatus.OPEN)
    reason: Mapped[str] = mapped_column(String(200), default="")
    # What the due date counts from and how many business days: a call due from printing is
    # counted again from the day the packet is scanned as mailed.
    basis: Mapped[str] = mapped_column(String(10), default="mailed")
    days: Mapped[int] = mapped_column(default=0)
    attempt: Mapped[int] = mapped_column(default=1)
    # The rep who held it before a handover.
    handed_from_rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"), default=None)
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None] = mapped_column(default=None)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2), default=None)
    called_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime]

    inquiry: Mapped[Inquiry] = relationship()
    rep: Mapped[Rep | None] = relationship(foreign_keys=[rep_id])


class RepHandover(Base):
    """Open calls, waiting inquiries and territory moved from one rep to another."""

    __tablename__ = "rep_handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"), index=True)
    to_rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"), index=True)
    retired: Mapped[bool] = mapped_column(default=False)
    calls: Mapped[int] = mapped_column(default=0)
    inquiries: Mapped[int] = mapped_column(default=0)
    # The territory values moved, as [kind, value] pairs.
    territory: Mapped[list[Any]] = mapped_column(default=list)
    at: Mapped[datetime]


class SourceCost(Base):
    """What a source of inquiries (an ad, a show, a list) cost in one month."""

    __tablename__ = "source_costs"
    __table_args__ = (UniqueConstraint("source", "detail", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(L["source"]))
    detail: Mapped[str] = mapped_column(String(L["source_detail"]), default="")
    # The first day of the month.
    month: Mapped[date]
    cost: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    imported_at: Mapped[datetime]
