"""Load sales reps and their territories from a CSV."""

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from fulfilment.by_code import stored_or_added
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput
from fulfilment.intake.reader import RawRow, column_lengths, read_reference_rows
from fulfilment.models import Rep, TerritoryRule

_LIST_COLUMNS = {
    "countries": "country",
    "regions": "region",
    "postcode_prefixes": "postcode_prefix",
    "families": "family",
}


@dataclass
class RepImport:
    """How many reps a file created or updated."""

    rows: int
    created: int
    updated: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _values(text: str, kind: str) -> set[str]:
    items = (item.strip() for item in text.split(";"))
    if kind == "family":
        # Families match case-insensitively (territory.py): one spelling of each is enough.
        return set({item.casefold(): item for item in items if item}.values())
    return {item.upper().replace(" ", "") if kind == "postcode_prefix" else item.upper()
            for item in items if item}  # fmt: skip


def _check_territory_lengths(path: Path, rows: list[RawRow]) -> None:
    """Refuse the file, before anything is written, when a territory value cannot be stored."""
    limit = column_lengths(TerritoryRule.__table__)["value"]
    problems = [
        f"row {raw.number}: {column} has a value of {len(value)} characters, at most {limit} fit"
        for raw in rows
        for column, kind in _LIST_COLUMNS.items()
        for value in _values(raw.fields.get(column, ""), kind)
        if len(value) > limit
    ]
    if problems:
        raise BadInput(f"{path.name}: {'; '.join(problems)}; shorten them; nothing was imported")


def import_reps(uow: UnitOfWork, path: Path) -> RepImport:
    """Create or update reps by code; each row's territory replaces the rep's old one."""
    rows = read_reference_rows(path, ("code", "name"), lengths=column_lengths(Rep.__table__))
    _check_territory_lengths(path, rows)
    session = uow.session
    existing = {
        rep.code: rep for rep in session.scalars(select(Rep).options(selectinload(Rep.territory)))
    }
    created = 0
    for raw in rows:
        code = raw.fields["code"].strip()
        rep, added = stored_or_added(session, existing, code, Rep)
        created += added
        rep.name = raw.fields["name"].strip()
        rep.email = raw.fields.get("email", "").strip()
        rep.phone = raw.fields.get("phone", "").strip()
        rep.active = True
        rep.territory.clear()
        session.flush()
        rep.territory.extend(
            TerritoryRule(kind=kind, value=value)
            for column, kind in _LIST_COLUMNS.items()
            for value in sorted(_values(raw.fields.get(column, ""), kind))
        )
    uow.commit()
    return RepImport(rows=len(rows), created=created, updated=len(rows) - created)
