"""What goes in one packet: literature per product, the catalogue, supporting items, envelope."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fulfilment.batch.publications import Publications, issue_date, page_number
from fulfilment.errors import BadInput
from fulfilment.render import choose_envelope
from fulfilment.render.stationery import paper

CHINESE_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})
SHEET_GRAMS = 5
ENVELOPE_GRAMS = {"us10": 5, "dl": 5, "c5": 10, "c4": 25, "9x12": 25}
# Weight bands shared by most postal services' letter / large letter / parcel split.
POSTAGE_BANDS = ((100, "letter"), (750, "large letter"))
OWN_LITERATURE = ("brochure", "tech-sheet", "price-list")
# What else answers a product that has no literature of its own, best first.
OTHER_LITERATURE = ("case-study", "bulletin", "catalogue")


@dataclass(frozen=True, kw_only=True)
class Literature:
    """An active literature item as planning sees it."""

    code: str
    title: str
    kind: str
    products: tuple[str, ...]
    pages: int
    paper_size: str
    weight_g: int
    shelf: str
    has_pdf: bool
    aliases: tuple[str, ...] = ()
    edition: int = 0


@dataclass(frozen=True)
class Received:
    """The last time a contact received an item: the day it went and the edition it was."""

    on: date
    edition: int | None


@dataclass(frozen=True, kw_only=True)
class PlannedItem:
    """One literature item planned for a packet; skipped where the contact has it already."""

    code: str
    title: str
    kind: str
    shelf: str
    weight_g: int
    edition: int = 0
    already_sent_on: date | None = None
    new_edition: bool = False

    @property
    def skipped(self) -> bool:
        return self.already_sent_on is not None


@dataclass(frozen=True, kw_only=True)
class Contents:
    """A packet's planned contents and how it travels."""

    items: tuple[PlannedItem, ...]
    channel: str
    language: str
    envelope: str
    sheets: int
    weight_g: int
    postage_class: str
    page_note: tuple[str, int] | None
    # Products asked about that no literature covers: the letter says the rep follows up.
    uncovered: tuple[str, ...] = ()
    # A publication and page the inquiry gives that no bulletin matches.
    unmatched_publication: tuple[str, int] | None = None

    @property
    def sent(self) -> tuple[PlannedItem, ...]:
        """The items that go, without those the contact has already."""
        return tuple(item for item in self.items if not item.skipped)


class NothingToSend(BadInput):
    """Nothing at all can go to an inquiry; it is held, and `uncovered` says what to add."""

    def __init__(self, message: str, *, uncovered: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.uncovered = tuple(uncovered)


class Library:
    """The active literature, indexed the way planning asks for it."""

    def __init__(self, items: Sequence[Literature]) -> None:
        self.by_product: dict[str, list[Literature]] = {}
        for item in items:
            for product in item.products:
                self.by_product.setdefault(product, []).append(item)
        self.catalogue = next((i for i in items if i.kind == "catalogue"), None)
        bulletins = [i for i in items if i.kind == "bulletin"]
        self.publications = Publications((i, (i.code, i.title, *i.aliases)) for i in bulletins)
        self._issued = {
            i.code: (issue_date((i.code, i.title, *i.aliases)), n) for n, i in enumerate(bulletins)
        }

    def covering(self, product: str) -> list[Literature]:
        """A product's own literature and one case study, else the best other item listing it.

        Of several bulletins listing it, the newest issue goes.
        """
        listing = self.by_product.get(product, [])
        own = [i for i in listing if i.kind in OWN_LITERATURE]
        if own:
            return [*own, *[i for i in listing if i.kind == "case-study"][:1]]
        for kind in OTHER_LITERATURE:
            found = [i for i in listing if i.kind == kind]
            if kind == "bulletin":
                found.sort(key=lambda i: self._issued[i.code], reverse=True)
            if found:
                return found[:1]
        return listing[:1]


def language_for(country: str) -> str:
    """Letters to China, Taiwan, Hong Kong and Macau are written in Chinese."""
    return "zh" if country.upper() in CHINESE_COUNTRIES else "en"


def postage_class(weight_g: int, *, domestic: bool) -> str:
    band = next((name for limit, name in POSTAGE_BANDS if weight_g <= limit), "parcel")
    return f"{'domestic' if domestic else 'international'} {band}"


def plan_contents(
    *,
    products: Sequence[str],
    country: str,
    home_country: str,
    response: str,
    publication: str,
    page: str,
    library: Library,
    received: Mapping[str, Received] | None = None,
) -> Contents:
    """The packet for one contact's inquiries, sent with what exists; NothingToSend when
    nothing does.

    `products` are every product asked about, in the order asked. An item in `received` is
    skipped unless this edition is newer than the one that went; the letter alone still goes.
    """
    chosen: dict[str, Literature] = {}
    uncovered: list[str] = []
    for code in products:
        covering = library.covering(code)
        if not covering:
            uncovered.append(code)
        for item in covering:
            chosen.setdefault(item.code, item)
    number = page_number(page) if publication.strip() else None
    bulletin = library.publications.find(publication) if number else None
    if bulletin:
        chosen.setdefault(bulletin.code, bulletin)
    if library.catalogue:
        chosen.setdefault(library.catalogue.code, library.catalogue)
    if not chosen:
        if uncovered:
            raise NothingToSend(
                f"no literature covers {', '.join(uncovered)}; add it with "
                f"'litcenter literature add ... --products {','.join(uncovered)}'",
                uncovered=uncovered,
            )
        raise NothingToSend(
            "nothing to send: no products asked about and no active catalogue; add one with "
            "'litcenter literature add ... --kind catalogue'"
        )
    planned = [_planned(item, (received or {}).get(item.code)) for item in chosen.values()]
    items = [item for item, plan in zip(chosen.values(), planned, strict=True) if not plan.skipped]
    channel = "email" if response == "email" and all(i.has_pdf for i in items) else "print"
    letter_sheets = 2
    sheets = letter_sheets + sum(math.ceil(i.pages / 2) for i in items)
    largest = max((i.paper_size.lower() for i in items if i.paper_size), default=None, key=_area)
    envelope = choose_envelope(sheets, largest, country)
    weight = (
        letter_sheets * SHEET_GRAMS
        + sum(i.weight_g or math.ceil(i.pages / 2) * SHEET_GRAMS for i in items)
        + ENVELOPE_GRAMS.get(envelope, 10)
    )
    return Contents(
        items=tuple(planned),
        channel=channel,
        language=language_for(country),
        envelope=envelope,
        sheets=sheets,
        weight_g=weight,
        postage_class=postage_class(weight, domestic=country.upper() == home_country.upper()),
        page_note=(bulletin.title, number) if bulletin and number else None,
        uncovered=tuple(uncovered),
        unmatched_publication=(publication.strip(), number) if number and not bulletin else None,
    )


def _planned(item: Literature, received: Received | None) -> PlannedItem:
    """The item as planned: skipped where that edition, or one we cannot tell, went already."""
    newer = (
        received is not None and received.edition is not None and item.edition > received.edition
    )
    return PlannedItem(
        code=item.code,
        title=item.title,
        kind=item.kind,
        shelf=item.shelf,
        weight_g=item.weight_g,
        edition=item.edition,
        already_sent_on=received.on if received is not None and not newer else None,
        new_edition=newer,
    )


def _area(paper_size: str) -> float:
    try:
        size = paper(paper_size)
    except BadInput:
        return 0.0
    return size.width * size.height
