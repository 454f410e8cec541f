"""Commands for managers' reports (turnaround, sources, calls, literature) and source costs."""

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fulfilment.cli.context import ready
from fulfilment.cli.output import JsonFlag, console, emit_json, key_values, table
from fulfilment.errors import BadInput

if TYPE_CHECKING:
    from fulfilment.reports.model import Report

report = typer.Typer(
    help="Reports for managers: turnaround, sources, calls, literature.", no_args_is_help=True
)
sources = typer.Typer(help="Sources of inquiries and what they cost.", no_args_is_help=True)
costs = typer.Typer(help="Monthly costs of each source.", no_args_is_help=True)
sources.add_typer(costs, name="costs")

FULL_WEEKS = 4

From = Annotated[
    str | None,
    typer.Option("--from", metavar="D", help="First day (YYYY-MM-DD); default: 4 weeks back."),
]
To = Annotated[
    str | None,
    typer.Option("--to", metavar="D", help="Last day (YYYY-MM-DD); default: last Sunday."),
]
Pdf = Annotated[Path | None, typer.Option("--pdf", metavar="FILE", help="Write it as a PDF.")]
Xlsx = Annotated[
    Path | None, typer.Option("--xlsx", metavar="FILE", help="Write it as an Excel workbook.")
]
Builder = Callable[..., "Report"]


def default_period(today: date) -> tuple[date, date]:
    """The last four full weeks, Monday to Sunday, before today's."""
    end = today - timedelta(days=today.weekday() + 1)
    return end - timedelta(days=7 * FULL_WEEKS - 1), end


def period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """The days --from and --to name (--to at most today), the default period filling what
    they leave out."""
    first, last = default_period(today)
    from fulfilment.dates import parse_day

    # Nothing after today has happened yet: a call due later is not late.
    chosen_end = min(parse_day(end, today=today, option="--to"), today) if end else last
    chosen_start = (
        parse_day(start, today=today, option="--from") if start else chosen_end - (last - first)
    )
    if chosen_start > chosen_end:
        raise BadInput(
            f"--from {chosen_start} is after --to {chosen_end}; give the earlier day as --from"
        )
    return chosen_start, chosen_end


def _run(build: Builder, start: str | None, end: str | None, pdf: Path | None,
         xlsx: Path | None, as_json: bool) -> None:  # fmt: skip
    from fulfilment.db import unit_of_work

    context = ready()
    first, last = period(start, end, context.now().date())
    with unit_of_work(context.url) as uow:
        built = build(uow.session, start=first, end=last, profile=context.profile)
    written = _write(built, pdf, xlsx)
    if as_json:
        emit_json({"report": built.name, "title": built.title, "start": first.isoformat(),
                   "end": last.isoformat(), "files": written, "figures": built.figures})  # fmt: skip
        return
    _print(built)
    for path in written.values():
        console.print(f"Written: {path}", markup=False, highlight=False)


def _write(built: "Report", pdf: Path | None, xlsx: Path | None) -> dict[str, str]:
    from fulfilment.batch.atomic import atomic_write

    written = {}
    if pdf is not None:
        from fulfilment.render.report import render_report

        written["pdf"] = str(atomic_write(pdf, render_report(built)))
    if xlsx is not None:
        from fulfilment.reports.workbook import report_workbook

        written["xlsx"] = str(atomic_write(xlsx, report_workbook(built)))
    return written


def _print(built: "Report") -> None:
    console.print(f"{built.title}, {built.period}", markup=False, highlight=False)
    for shown in built.tables:
        table(shown.title, shown.columns, shown.rows)


@report.command("turnaround")
def report_turnaround(
    start: From = None, end: To = None, pdf: Pdf = None, xlsx: Xlsx = None,
    as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """How long inquiries take from receipt to print, mail, first call and first reach."""
    from fulfilment.reports.turnaround import turnaround_report

    _run(turnaround_report, start, end, pdf, xlsx, as_json)


@report.command("sources")
def report_sources(
    start: From = None, end: To = None, pdf: Pdf = None, xlsx: Xlsx = None,
    as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """What each source brought (calls, meetings, wins) and cost, and cohorts by month."""
    from fulfilment.reports.sources import sources_report

    _run(sources_report, start, end, pdf, xlsx, as_json)


@report.command("calls")
def report_calls(
    start: From = None, end: To = None, pdf: Pdf = None, xlsx: Xlsx = None,
    as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """Ratings against outcomes, overdue open calls and calls per rep."""
    from fulfilment.reports.calls import calls_report

    _run(calls_report, start, end, pdf, xlsx, as_json)


@report.command("literature")
def report_literature(
    start: From = None, end: To = None, pdf: Pdf = None, xlsx: Xlsx = None,
    as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """Inquiries waiting for their packet, copies sent per item, products without literature."""
    from fulfilment.reports.literature import literature_report

    _run(literature_report, start, end, pdf, xlsx, as_json)


@costs.command("import")
def costs_import(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="CSV (UTF-8): source, detail, month, cost."),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Import monthly source costs; a row for a month already imported replaces it."""
    from fulfilment.db import unit_of_work
    from fulfilment.reports.costs import import_source_costs

    context = ready()
    with unit_of_work(context.url) as uow:
        summary = import_source_costs(uow, file, now=context.now())
    if as_json:
        emit_json(summary.as_dict())
        return
    key_values([("rows", summary.rows), ("added", summary.created),
                ("replaced", summary.replaced)])  # fmt: skip


@costs.command("list")
def costs_list(as_json: JsonFlag = False) -> None:
    """List the imported source costs, newest month first."""
    from fulfilment.db import unit_of_work
    from fulfilment.reports.costs import list_source_costs

    with unit_of_work(ready().url) as uow:
        rows = list_source_costs(uow.session)
    if as_json:
        emit_json(rows)
        return
    table(
        "Source costs",
        ["month", "source", "detail", "cost", "imported"],
        [(r["month"], r["source"], r["detail"], r["cost"], r["imported_at"]) for r in rows],
    )
