"""Literature items as marketing manages them: add, new editions, retire, list."""

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput
from inventory.kinds import KINDS, LOCATIONS
from inventory.lookup import items_by_code, normal_code, product_codes, product_ids, require_item
from inventory.models import (
    Edition,
    LiteratureItem,
    LiteratureProduct,
    Stock,
    Substitute,
)
from inventory.uploads import CheckedPdf, checked_pdf, keep, stored_path

CODE = re.compile(r"^[A-Z0-9][A-Z0-9._/-]{0,39}$")


@dataclass(frozen=True)
class ItemDraft:
    """What marketing says about an item; products and substitutes are codes."""

    code: str
    title: str
    kind: str
    products: list[str] = field(default_factory=list)
    shelf: str = ""
    weight_g: int | None = None
    reorder_point: int = 0
    reorder_qty: int = 0
    substitutes: list[str] = field(default_factory=list)
    # Other names of a bulletin; None keeps the ones the item has.
    aliases: list[str] | None = None
    # What one copy costs to print; None keeps the item's.
    unit_cost: Decimal | None = None

    def problems(self) -> list[str]:
        """Everything wrong with the draft on its own, before the database is asked."""
        code = normal_code(self.code)
        found = []
        if not CODE.match(code):
            found.append(
                f"code {self.code!r} must be 1-40 letters, digits or . _ / - (e.g. BR-PMP-100)"
            )
        if not self.title.strip() or len(self.title.strip()) > 200:
            found.append("title must be 1-200 characters")
        if self.kind not in KINDS:
            found.append(f"kind {self.kind!r} is not one of: {', '.join(KINDS)}")
        if len(self.shelf.strip()) > 40:
            found.append("shelf location must be at most 40 characters")
        for name in ("weight_g", "reorder_point", "reorder_qty"):
            value = getattr(self, name)
            if value is not None and value < 0:
                found.append(f"{name.replace('_', ' ')} must not be negative, not {value}")
        if self.unit_cost is not None and self.unit_cost < 0:
            found.append(f"unit cost must not be negative, not {self.unit_cost}")
        if code in {normal_code(s) for s in self.substitutes}:
            found.append(f"{code} cannot substitute for itself")
        found += alias_problems(self.aliases or [])
        return found


def alias_problems(aliases: list[str]) -> list[str]:
    """What is wrong with these aliases: each must be 1-200 characters."""
    return [
        f"alias {alias!r} must be 1-200 characters"
        for alias in aliases
        if not alias.strip() or len(alias.strip()) > 200
    ]


def _merged(aliases: list[str], more: list[str]) -> list[str]:
    """Aliases in the order given, each once however it is capitalised."""
    kept: dict[str, str] = {}
    for alias in [*aliases, *more]:
        kept.setdefault(alias.strip().casefold(), alias.strip())
    return list(kept.values())


@dataclass(frozen=True)
class ItemView:
    """An item as the CLI and the batch see it; `pdf` is relative to the litcenter home."""

    code: str
    title: str
    kind: str
    status: str
    edition: int
    products: list[str]
    substitutes: list[str]
    aliases: list[str]
    pdf: str | None
    page_count: int | None
    paper_size: str
    weight_g: int | None
    shelf: str
    reorder_point: int
    reorder_qty: int
    unit_cost: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def add_item(
    uow: UnitOfWork,
    draft: ItemDraft,
    *,
    home: Path,
    pdf: Path | None = None,
    now: datetime,
) -> ItemView:
    """Create an item with empty shelf and reserve stock, and its first edition if a PDF is given."""
    if problems := draft.problems():
        raise BadInput("; ".join(problems))
    session = uow.session
    code = normal_code(draft.code)
    if items_by_code(session, [code]):
        raise BadInput(
            f"literature item {code} exists already; 'litcenter literature upload' adds a "
            "new edition"
        )
    item = LiteratureItem(
        code=code, created_at=now, stock=[Stock(location=loc) for loc in LOCATIONS]
    )
    apply_draft(session, item, draft, at=now)
    session.add(item)
    session.flush()
    if pdf is None:
        uow.commit()
    else:
        with checked_pdf(pdf) as checked:
            add_edition(session, item, checked, at=now)
            keep(checked, home)
            uow.commit()
    return view(session, item)


def upload_edition(uow: UnitOfWork, code: str, pdf: Path, *, home: Path, now: datetime) -> ItemView:
    """Make a checked PDF the item's new edition; the same file again adds no edition.

    It does put back the stored copy if that went missing, as the batch's error asks staff to.
    """
    session = uow.session
    item = require_item(session, code)
    with checked_pdf(pdf) as checked:
        keep(checked, home)
        if checked.sha256 != item.pdf_sha256:
            add_edition(session, item, checked, at=now)
            uow.commit()
    return view(session, item)


def retire_item(uow: UnitOfWork, code: str, *, now: datetime) -> ItemView:
    """Stop mailing an item; requests for it then go to its substitutes."""
    item = require_item(uow.session, code)
    item.status, item.updated_at = "retired", now
    uow.commit()
    return view(uow.session, item)


def add_aliases(uow: UnitOfWork, code: str, aliases: list[str], *, now: datetime) -> ItemView:
    """Give an item more names inquirers may use for it; one it has already is not repeated."""
    if problems := alias_problems(aliases) or ([] if aliases else ["name at least one alias"]):
        raise BadInput("; ".join(problems))
    item = require_item(uow.session, code)
    item.aliases, item.updated_at = _merged(item.aliases, aliases), now
    uow.commit()
    return view(uow.session, item)


def list_items(session: Session, *, include_retired: bool = True) -> list[ItemView]:
    """Items by code, retired ones too unless include_retired is False."""
    query = select(LiteratureItem).order_by(LiteratureItem.code)
    if not include_retired:
        query = query.where(LiteratureItem.status == "active")
    items = session.scalars(
        query.options(
            selectinload(LiteratureItem.products),
            selectinload(LiteratureItem.substitutes).selectinload(Substitute.substitute),
        )
    ).all()
    codes = product_codes(session, {p.product_id for item in items for p in item.products})
    return [_view(item, codes) for item in items]


def apply_draft(session: Session, item: LiteratureItem, draft: ItemDraft, *, at: datetime) -> None:
    """Set an item's fields, products and substitutes from a checked draft."""
    ids = product_ids(session, draft.products)
    item.title, item.kind = draft.title.strip(), draft.kind
    item.shelf, item.weight_g = draft.shelf.strip(), draft.weight_g
    item.reorder_point, item.reorder_qty = draft.reorder_point, draft.reorder_qty
    item.updated_at = at
    if draft.aliases is not None:
        item.aliases = _merged([], draft.aliases)
    if draft.unit_cost is not None:
        item.unit_cost = draft.unit_cost
    item.products = [
        LiteratureProduct(product_id=id_, position=n) for n, id_ in enumerate(ids.values())
    ]
    set_substitutes(session, item, draft.substitutes)


def set_substitutes(session: Session, item: LiteratureItem, codes: list[str]) -> None:
    """Replace an item's substitutes, best first; each must be a known item."""
    wanted = [code for code in dict.fromkeys(normal_code(c) for c in codes) if code]
    found = items_by_code(session, wanted)
    missing = [code for code in wanted if code not in found]
    if missing:
        raise BadInput(f"unknown substitute item(s): {', '.join(missing)}; add them first")
    item.substitutes = [
        Substitute(substitute_id=found[code].id, rank=n) for n, code in enumerate(wanted)
    ]


def add_edition(session: Session, item: LiteratureItem, pdf: CheckedPdf, *, at: datetime) -> None:
    """Record a checked PDF as the item's next edition."""
    item.edition += 1
    item.pdf_sha256, item.page_count, item.paper_size = pdf.sha256, pdf.pages, pdf.paper_size
    item.updated_at = at
    session.add(
        Edition(
            item_id=item.id,
            edition=item.edition,
            pdf_sha256=pdf.sha256,
            page_count=pdf.pages,
            paper_size=pdf.paper_size,
            uploaded_at=at,
        )
    )


def view(session: Session, item: LiteratureItem) -> ItemView:
    """The item as plain values."""
    return _view(item, product_codes(session, [p.product_id for p in item.products]))


def _view(item: LiteratureItem, product_code: dict[int, str]) -> ItemView:
    return ItemView(
        code=item.code,
        title=item.title,
        kind=item.kind,
        status=item.status,
        edition=item.edition,
        products=[product_code[p.product_id] for p in item.products],
        substitutes=[s.substitute.code for s in item.substitutes],
        aliases=list(item.aliases),
        pdf=stored_path(item.pdf_sha256) if item.pdf_sha256 else None,
        page_count=item.page_count,
        paper_size=item.paper_size,
        weight_g=item.weight_g,
        shelf=item.shelf,
        reorder_point=item.reorder_point,
        reorder_qty=item.reorder_qty,
        unit_cost=f"{Decimal(item.unit_cost or 0).normalize():f}",
    )
