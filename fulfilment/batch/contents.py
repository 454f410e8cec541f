"""What goes in one packet: literature per product, the catalogue, supporting items, envelope."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from fulfilment.errors import BadInput
from fulfilment.render import choose_envelope
from fulfilment.render.stationery import paper

CHINESE_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})
SHEET_GRAMS = 5
ENVELOPE_GRAMS = {"us10": 5, "dl": 5, "c5": 10, "c4": 25, "9x12": 25}
# Weight bands shared by most postal services' letter / large letter / parcel split.
POSTAGE_BANDS = ((100, "letter"), (750, "large letter"))
OWN_LITERATURE = ("brochure", "tech-sheet", "price-list")


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


@dataclass(frozen=True, kw_only=True)
class PlannedItem:
    """One literature item planned for a packet."""

    code: str
    title: str
    kind: str
    shelf: str
    weight_g: int


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


class Library:
    """The active literature, indexed the way planning asks for it."""

    def __init__(self, items: Sequence[Literature]) -> None:
        self.by_product: dict[str, list[Literature]] = {}
        for item in items:
            for product in item.products:
                self.by_product.setdefault(product, []).append(item)
        self.catalogue = next((i for i in items if i.kind == "catalogue"), None)
        self.bulletins = {i.title.casefold(): i for i in items if i.kind == "bulletin"}

    def own(self, product: str) -> list[Literature]:
        return [i for i in self.by_product.get(product, []) if i.kind in OWN_LITERATURE]

    def case_studies(self, product: str) -> list[Literature]:
        return [i for i in self.by_product.get(product, []) if i.kind == "case-study"]


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
) -> Contents:
    """The packet for one inquiry; BadInput says why it must be held instead."""
    missing = [code for code in products if not library.own(code)]
    if missing:
        raise BadInput(
            f"no literature for {', '.join(missing)}; add it with 'litcenter literature add'"
        )
    chosen: dict[str, Literature] = {}
    for code in products:
        for item in [*library.own(code), *library.case_studies(code)[:1]]:
            chosen.setdefault(item.code, item)
    bulletin = library.bulletins.get(publication.casefold()) if page.isdigit() else None
    if bulletin:
        chosen.setdefault(bulletin.code, bulletin)
    if library.catalogue:
        chosen.setdefault(library.catalogue.code, library.catalogue)
    if not chosen:
        raise BadInput("nothing to send: no products asked about and no catalogue in stock")
    items = list(chosen.values())
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
        items=tuple(
            PlannedItem(code=i.code, title=i.title, kind=i.kind, shelf=i.shelf, weight_g=i.weight_g)
            for i in items
        ),
        channel=channel,
        language=language_for(country),
        envelope=envelope,
        sheets=sheets,
        weight_g=weight,
        postage_class=postage_class(weight, domestic=country.upper() == home_country.upper()),
        page_note=(bulletin.title, int(page)) if bulletin else None,
    )


def _area(paper_size: str) -> float:
    try:
        size = paper(paper_size)
    except BadInput:
        return 0.0
    return size.width * size.height
