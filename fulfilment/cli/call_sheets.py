"""Commands for a rep's paper and calendar: the call sheet PDF and the .ics of open calls."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from fulfilment.cli.context import ready
from fulfilment.cli.output import JsonFlag, console, emit_json
from fulfilment.errors import BadInput

OutOption = Annotated[Path, typer.Option("--out", metavar="FILE", help="The file to write.")]


def _day(text: str | None, today: date) -> date:
    from fulfilment.dates import parse_day

    return today if text is None else parse_day(text, today=today, option="--date")


def _target(out: Path) -> Path:
    if out.is_dir():
        raise BadInput(f"--out: {out} is a folder; name the file to write")
    if not out.parent.is_dir():
        raise BadInput(f"--out: folder {out.parent} does not exist; create it or choose another")
    return out


def sheet(
    out: OutOption,
    rep: Annotated[
        str | None, typer.Option("--rep", metavar="CODE", help="One rep's calls; default: all.")
    ] = None,
    day: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Calls due by this day; default today."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Print the call sheet: every open call due by the day, most overdue first."""
    from fulfilment.batch.atomic import atomic_write
    from fulfilment.calls.context import open_calls
    from fulfilment.calls.sheet_data import RepInfo
    from fulfilment.db import unit_of_work
    from fulfilment.render.call_sheet import render_call_sheet
    from fulfilment.render.stationery import letter_countries
    from fulfilment.reps import require_rep

    context = ready()
    through = _day(day, context.now().date())
    target = _target(out)
    with unit_of_work(context.url) as uow:
        found = require_rep(uow.session, rep) if rep is not None else None
        who = RepInfo(found.code, found.name) if found else None
        calls = open_calls(uow.session, rep_code=rep, through=through)
    profile = context.profile
    paper = "letter" if profile.default_country in letter_countries() else "a4"
    pdf = render_call_sheet(calls, rep=who, day=through, company=profile.name, paper_code=paper)
    atomic_write(target, pdf)
    if as_json:
        emit_json({"file": str(target), "calls": len(calls), "rep": rep, "date": str(through)})
        return
    console.print(
        f"Call sheet for {rep or 'all reps'}, {through}: {len(calls)} calls -> {target}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def ics(
    rep: Annotated[str, typer.Option("--rep", metavar="CODE", help="The rep whose calls.")],
    out: OutOption,
    as_json: JsonFlag = False,
) -> None:
    """Write a calendar (.ics) of the rep's open calls, one all-day event on each due date."""
    from datetime import UTC, datetime

    from fulfilment.batch.atomic import atomic_write
    from fulfilment.calls.context import open_calls
    from fulfilment.calls.ics import calls_calendar, uid_host
    from fulfilment.calls.sheet_data import RepInfo
    from fulfilment.db import unit_of_work
    from fulfilment.reps import require_rep

    context = ready()
    target = _target(out)
    with unit_of_work(context.url) as uow:
        found = require_rep(uow.session, rep)
        who = RepInfo(found.code, found.name)
        calls = open_calls(uow.session, rep_code=rep, through=None)
    host = uid_host(context.profile.email, context.profile.name)
    atomic_write(target, calls_calendar(calls, rep=who, host=host, stamp=datetime.now(UTC)))
    if as_json:
        emit_json({"file": str(target), "calls": len(calls), "rep": rep})
        return
    console.print(
        f"Calendar for {rep}: {len(calls)} open calls -> {target}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
