"""Marketing's bulk upload: a CSV of literature rows with PDFs and stock received, all or nothing."""

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput
from inventory import ledger
from inventory.amounts import parse_amount
from inventory.items import ItemDraft, add_edition, apply_draft, set_substitutes
from inventory.kinds import LOCATIONS
from inventory.locks import lock_stock
from inventory.lookup import items_by_code, normal_code
from inventory.models import LiteratureItem, Stock
from inventory.uploads import CheckedPdf, checked_pdf, keep

COLUMNS = (
    "code",
    "title",
    "kind",
    "products",
    "pdf",
    "shelf",
    "weight_g",
    "reorder_point",
    "reorder_qty",
    "substitutes",
    "aliases",
    "unit_cost",
    "received",
    "location",
    "note",
)
REQUIRED = ("code", "title", "kind")
MAX_PROBLEMS_SHOWN = 10


@dataclass
class LiteratureImport:
    """What a bulk upload did."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    editions: int = 0
    received: int = 0
    already_received: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Row:
    number: int
    draft: ItemDraft
    pdf: Path | None
    received: int
    location: str
    note: str
    delivery: str


def import_literature(
    uow: UnitOfWork, path: Path, *, home: Path, now: datetime
) -> LiteratureImport:
    """Create or update each row's item, add new editions and book stock received.

    Every row and every PDF is checked before anything is written; one bad row refuses the
    file. Importing the same file again books none of its deliveries twice; any other file
    books all of its own, even a row that repeats one of an earlier file.
    """
    rows, problems = _parse(path)
    with ExitStack() as stack:
        pdfs: dict[Path, CheckedPdf] = {}
        for row in rows:
            if row.pdf is not None and row.pdf not in pdfs:
                try:
                    pdfs[row.pdf] = stack.enter_context(checked_pdf(row.pdf))
                except BadInput as exc:
                    problems.append(f"row {row.number}: {exc}")
        _refuse(path, problems)
        summary = _write(uow.session, rows, pdfs, path=path, at=now)
        for pdf in pdfs.values():
            keep(pdf, home)
        uow.commit()
    return summary


def _write(
    session: Session,
    rows: list[_Row],
    pdfs: dict[Path, CheckedPdf],
    *,
    path: Path,
    at: datetime,
) -> LiteratureImport:
    summary = LiteratureImport(rows=len(rows))
    items = items_by_code(session, [row.draft.code for row in rows])
    stocks = lock_stock(session, [item.id for item in items.values()])
    for row in rows:
        code = normal_code(row.draft.code)
        item = items.get(code)
        if item is None:
            item = items[code] = LiteratureItem(
                code=code, created_at=at, stock=[Stock(location=loc) for loc in LOCATIONS]
            )
            summary.created += 1
        else:
            summary.updated += 1
        with _at_row(path, row):
            apply_draft(session, item, replace(row.draft, substitutes=[]), at=at)
        session.add(item)
    session.flush()
    for row in rows:
        item = items[normal_code(row.draft.code)]
        with _at_row(path, row):
            set_substitutes(session, item, row.draft.substitutes)
        pdf = pdfs.get(row.pdf) if row.pdf else None
        if pdf is not None and pdf.sha256 != item.pdf_sha256:
            add_edition(session, item, pdf, at=at)
            summary.editions += 1
        if row.received:
            rows_of_item = stocks.get(item.id) or item.stock
            stock = next(s for s in rows_of_item if s.location == row.location)
            if ledger.has_entry(session, [stock.id], kind=ledger.RECEIPT, ref=row.delivery):
                summary.already_received += row.received
            else:
                note = row.note or f"bulk upload {path.name}"
                ledger.post(
                    session, stock, row.received, kind=ledger.RECEIPT, at=at, note=note,
                    ref=row.delivery,
                )  # fmt: skip
                summary.received += row.received
    session.flush()
    return summary


def _delivery(content_sha256: str, number: int) -> str:
    """A delivery's identity: the exact bytes of the file it came in and its row there.

    The rows themselves cannot tell a file imported again from next week's file that
    repeats last week's order ("BR-X, 500, reserve"); the file's bytes can, and its name
    is left out so that a renamed copy is still the same file.
    """
    return f"import:{content_sha256[:32]}:row {number}"


@contextmanager
def _at_row(path: Path, row: _Row) -> Iterator[None]:
    """Name the file and row in a problem the database found."""
    try:
        yield
    except BadInput as exc:
        raise BadInput(f"{path.name}: row {row.number}: {exc}; nothing was imported") from exc


def _parse(path: Path) -> tuple[list[_Row], list[str]]:
    if not path.is_file():
        raise BadInput(f"{path}: no such file; check the path")
    # Read once: the bytes that are hashed into each delivery's key are the bytes parsed.
    content = path.read_bytes()
    content_sha256 = hashlib.sha256(content).hexdigest()
    try:
        records = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        headers = [h.strip().lower() for h in (records[0].keys() if records else [])]
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path.name} is not UTF-8 text; save it as CSV UTF-8") from exc
    except csv.Error as exc:
        raise BadInput(f"{path.name} is not a readable CSV ({exc})") from exc
    if not records:
        raise BadInput(
            f"{path.name} has no rows; the first line names the columns: {', '.join(COLUMNS)}"
        )
    missing = [column for column in REQUIRED if column not in headers]
    if missing:
        raise BadInput(
            f"{path.name} lacks the column(s) {', '.join(missing)}; expected: {', '.join(COLUMNS)}"
        )
    rows, problems = [], []
    for number, record in enumerate(records, start=2):
        fields = {(k or "").strip().lower(): (v or "").strip() for k, v in record.items()}
        row, found = _row(
            number, fields, folder=path.parent, delivery=_delivery(content_sha256, number)
        )
        problems += [f"row {number}: {problem}" for problem in found]
        if row is not None:
            rows.append(row)
    codes = [normal_code(row.draft.code) for row in rows]
    problems += [
        f"code {code} appears in more than one row"
        for code in sorted({c for c in codes if codes.count(c) > 1})
    ]
    return rows, problems


def _row(
    number: int, fields: dict[str, str], *, folder: Path, delivery: str
) -> tuple[_Row | None, list[str]]:
    problems: list[str] = []

    def whole(name: str, default: int | None) -> int | None:
        text = fields.get(name, "")
        if not text:
            return default
        if not re.fullmatch(r"-?\d+", text):
            problems.append(f"{name} {text!r} is not a whole number")
            return default
        return int(text)

    draft = ItemDraft(
        code=fields.get("code", ""),
        title=fields.get("title", ""),
        kind=fields.get("kind", "").lower(),
        products=_split(fields.get("products", "")),
        shelf=fields.get("shelf", ""),
        weight_g=whole("weight_g", None),
        reorder_point=whole("reorder_point", 0) or 0,
        reorder_qty=whole("reorder_qty", 0) or 0,
        substitutes=_split(fields.get("substitutes", "")),
        # Without the column an item keeps its aliases; names may hold commas, so ; or | only.
        aliases=[a.strip() for a in re.split(r"[;|]", fields["aliases"]) if a.strip()]
        if "aliases" in fields
        else None,
        unit_cost=_unit_cost(fields.get("unit_cost", ""), problems),
    )
    problems += draft.problems()
    received = whole("received", 0) or 0
    if received < 0:
        problems.append(f"received must not be negative, not {received}")
    location = fields.get("location", "").lower() or "reserve"
    if location not in LOCATIONS:
        problems.append(f"location {location!r} is not one of: {', '.join(LOCATIONS)}")
    pdf = (folder / fields["pdf"]).resolve() if fields.get("pdf") else None
    if pdf is not None and not pdf.is_file():
        problems.append(f"PDF {fields['pdf']!r} not found next to the CSV")
        pdf = None
    row = _Row(number, draft, pdf, received, location, fields.get("note", ""), delivery)
    return (None if problems else row), problems


def _unit_cost(text: str, problems: list[str]) -> Decimal | None:
    """The cost of one copy; empty keeps the item's."""
    if not text:
        return None
    cost = parse_amount(text)
    if cost is None:
        problems.append(f"unit_cost {text!r} is not a non-negative amount such as 0.35")
    return cost


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,|]", text) if part.strip()]


def _refuse(path: Path, problems: list[str]) -> None:
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = f"; and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    raise BadInput(f"{path.name}: {'; '.join(shown)}{more}; nothing was imported")
