"""Load sales reps, their territories and calendars from a CSV; list them."""

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from fulfilment.by_code import stored_or_added
from fulfilment.calls.calendar import known_region
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput, NotFound
from fulfilment.intake.reader import RawRow, column_lengths, read_reference_rows
from fulfilment.models import FollowUp, Rep, TerritoryRule
from fulfilment.states import FollowUpStatus

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


def _calendar(raw: RawRow) -> tuple[str, str]:
    """Whose business days the rep's calls count in: the calendar_country and calendar_region
    columns, else the first country of the territory and its one region, if it has one."""
    listed = [item.strip().upper() for item in raw.fields.get("countries", "").split(";")]
    country = raw.fields.get("calendar_country", "").strip().upper() or next(
        (item for item in listed if item), ""
    )
    region = raw.fields.get("calendar_region", "").strip().upper()
    if not region and country:
        regions = _values(raw.fields.get("regions", ""), "region")
        if len(regions) == 1 and known_region(country, next(iter(regions))):
            region = next(iter(regions))
    return country, region


def _check_calendars(path: Path, rows: list[RawRow]) -> None:
    """Refuse the file, before anything is written, when a calendar cannot be found."""
    problems = []
    for raw in rows:
        country, region = _calendar(raw)
        if country and not (len(country) == 2 and country.isalpha()):
            problems.append(f"row {raw.number}: calendar_country {country!r} is not a code")
        elif region and not country:
            problems.append(f"row {raw.number}: calendar_region {region!r} needs its country")
        elif region and not known_region(country, region):
            problems.append(
                f"row {raw.number}: {region!r} is not a region of {country}'s holiday calendar"
            )
    if problems:
        raise BadInput(
            f"{path.name}: {'; '.join(problems)}; use ISO codes such as GB and GB-SCT's SCT; "
            "nothing was imported"
        )


def require_rep(session: Session, code: str) -> Rep:
    """The rep with this code (any case), else one line naming the reps there are."""
    typed = code.strip()
    rep = session.scalar(select(Rep).where(Rep.code == typed)) or session.scalar(
        select(Rep).where(func.upper(Rep.code) == typed.upper())
    )
    if rep is None:
        known = ", ".join(session.scalars(select(Rep.code).order_by(Rep.code).limit(20)))
        raise NotFound(
            f"no rep {code!r}; reps are {known or 'not loaded yet'} (see 'litcenter reps list')"
        )
    return rep


def list_reps(session: Session) -> list[dict[str, Any]]:
    """Every rep, active first, with territory, calendar and open calls."""
    open_calls = dict(
        session.execute(
            select(FollowUp.rep_id, func.count())
            .where(FollowUp.status == FollowUpStatus.OPEN)
            .group_by(FollowUp.rep_id)
        ).all()
    )
    reps = session.scalars(
        select(Rep).options(selectinload(Rep.territory)).order_by(Rep.active.desc(), Rep.code)
    )
    return [
        {
            "code": rep.code,
            "name": rep.name,
            "email": rep.email,
            "phone": rep.phone,
            "active": rep.active,
            "retired_at": rep.retired_at.isoformat() if rep.retired_at else None,
            "calendar": "-".join(filter(None, [rep.country, rep.region])),
            "territory": [[rule.kind, rule.value] for rule in rep.territory],
            "open_calls": open_calls.get(rep.id, 0),
        }
        for rep in reps
    ]


def import_reps(uow: UnitOfWork, path: Path) -> RepImport:
    """Create or update reps by code; each row's territory replaces the rep's old one."""
    rows = read_reference_rows(path, ("code", "name"), lengths=column_lengths(Rep.__table__))
    _check_territory_lengths(path, rows)
    _check_calendars(path, rows)
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
        rep.country, rep.region = _calendar(raw)
        if rep.retired_at is None:
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
