"""What a rep needs on paper about each open call, as plain frozen data (no database)."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class RepInfo:
    """The rep who makes the call."""

    code: str
    name: str


@dataclass(frozen=True)
class ContactInfo:
    """Whom to call, and where they are."""

    name: str
    title: str
    company: str
    phone: str
    email: str
    address: tuple[str, ...]


@dataclass(frozen=True)
class ProductAsked:
    """A product an inquiry asked about."""

    code: str
    name: str


@dataclass(frozen=True)
class InquiryInfo:
    """One inquiry the call is about: what the contact asked, how soon, how urgently."""

    id: int
    external_id: str | None
    received_on: date
    products: tuple[ProductAsked, ...]
    timeframe: str
    urgency: str
    comments: str


@dataclass(frozen=True)
class MailedItem:
    """A literature item of the packet; a skipped one with the day the contact received it."""

    code: str
    title: str
    sent_on: date | None = None


@dataclass(frozen=True)
class PacketInfo:
    """What was mailed and when: the items that went, those still on backorder and those
    skipped as already received."""

    number: str
    status: str
    printed_at: datetime | None
    mailed_at: datetime | None
    items: tuple[MailedItem, ...]
    backordered: tuple[MailedItem, ...]
    skipped: tuple[MailedItem, ...]


@dataclass(frozen=True)
class EarlierCall:
    """A call already made about one of the inquiries, with what came of it."""

    called_at: datetime | None
    outcome: str | None
    rating: int | None
    amount: Decimal | None
    notes: str


@dataclass(frozen=True)
class CallContext:
    """One open call with everything the rep needs to make it."""

    id: int
    due_on: date
    reason: str
    attempt: int
    rep: RepInfo | None
    contact: ContactInfo
    inquiries: tuple[InquiryInfo, ...]
    packet: PacketInfo | None
    history: tuple[EarlierCall, ...]

    @property
    def products(self) -> tuple[ProductAsked, ...]:
        """Every product the inquiries asked about, each once, in the order first asked."""
        seen = {product.code: product for inquiry in self.inquiries for product in inquiry.products}
        return tuple(seen.values())

    def days_overdue(self, today: date) -> int:
        """How many days past due the call is on `today`; 0 when due today or later."""
        return max((today - self.due_on).days, 0)
