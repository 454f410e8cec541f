"""What each source of inquiries cost per month, imported from a CSV; a re-import replaces."""

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput
from fulfilment.intake.reader import RawRow, column_lengths, read_reference_rows
from fulfilment.models import SourceCost
from inventory.amounts import parse_amount

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
NUMERIC_MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-01)?")
NAMED_MONTH = re.compile(r"([A-Za-z]+)\.?\s+(\d{4})")
MAX_PROBLEMS_SHOWN = 10


@dataclass
class CostImport:
    """How many monthly costs a file added and how many it replaced."""

    rows: int
    created: int
    replaced: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_month(text: str) -> date | None:
    """The first day of the month `2026-11`, `2026-11-01`, `Nov 2026` or `November 2026` names."""
    value = text.strip()
    if numeric := NUMERIC_MONTH.fullmatch(value):
        year, month = int(numeric[1]), int(numeric[2])
    elif named := NAMED_MONTH.fullmatch(value):
        year, month = int(named[2]), MONTHS.get(named[1].lower(), 0)
    else:
        return None
    return date(year, month, 1) if 1 <= month <= 12 else None


@dataclass(frozen=True)
class _Cost:
    source: str
    detail: str
    month: date
    cost: Decimal


def _parse(path: Path, rows: list[RawRow]) -> list[_Cost]:
    costs: list[_Cost] = []
    problems: list[str] = []
    seen: dict[tuple[str, str, date], int] = {}
    for raw in rows:
        fields = {name: value.strip() for name, value in raw.fields.items()}
        month, cost = parse_month(fields["month"]), parse_amount(fields["cost"])
        if month is None:
            problems.append(
                f"row {raw.number}: month {fields['month']!r} is not a month; "
                "write it as 2026-11 or Nov 2026"
            )
        if cost is None:
            problems.append(
                f"row {raw.number}: cost {fields['cost']!r} is not an amount; "
                "write a non-negative number such as 1250.00 or 1,250.00"
            )
        if month is None or cost is None:
            continue
        item = _Cost(fields["source"], fields.get("detail", ""), month, cost)
        key = (item.source, item.detail, item.month)
        if key in seen:
            problems.append(
                f"row {raw.number}: repeats row {seen[key]} (same source, detail and month); "
                "keep one"
            )
        seen[key] = raw.number
        costs.append(item)
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = f"; and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        raise BadInput(f"{path.name}: {'; '.join(shown)}{more}; nothing was imported")
    return costs


def import_source_costs(uow: UnitOfWork, path: Path, *, now: datetime) -> CostImport:
    """Store each row's cost of a source (and detail) in a month, replacing an earlier one."""
    rows = read_reference_rows(
        path, ("source", "month", "cost"), lengths=column_lengths(SourceCost.__table__)
    )
    costs = _parse(path, rows)
    session = uow.session
    stored = {
        (row.source, row.detail, row.month): row
        for row in session.scalars(
            select(SourceCost).where(SourceCost.source.in_({cost.source for cost in costs}))
        )
    }
    created = 0
    for cost in costs:
        row = stored.get((cost.source, cost.detail, cost.month))
        if row is None:
            created += 1
            session.add(
                SourceCost(source=cost.source, detail=cost.detail, month=cost.month,
                           cost=cost.cost, imported_at=now)
            )  # fmt: skip
        else:
            row.cost, row.imported_at = cost.cost, now
    uow.commit()
    return CostImport(rows=len(costs), created=created, replaced=len(costs) - created)


def list_source_costs(session: Session) -> list[dict[str, Any]]:
    """Every imported monthly cost, newest month first, then by source and detail."""
    rows = session.scalars(
        select(SourceCost).order_by(SourceCost.month.desc(), SourceCost.source, SourceCost.detail)
    )
    return [
        {"source": row.source, "detail": row.detail, "month": row.month.isoformat()[:7],
         "cost": str(row.cost), "imported_at": row.imported_at.isoformat(timespec="seconds")}
        for row in rows
    ]  # fmt: skip
