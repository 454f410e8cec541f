"""Commands for inquiries: import files, look at them, fix quarantined rows."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from fulfilment.cli.context import ready
from fulfilment.cli.output import (
    JsonFlag,
    console,
    emit_json,
    errors,
    key_values,
    progress_bar,
    table,
)
from fulfilment.errors import BadInput
from fulfilment.states import QuarantineStatus

quarantine = typer.Typer(
    help="Rows that could not be accepted, kept until fixed.", no_args_is_help=True
)
inquiry = typer.Typer(help="Inquiries and their timelines.", no_args_is_help=True)

LARGE_FILE_BYTES = 200_000


def import_file(
    file: Annotated[
        Path, typer.Argument(help="CSV (UTF-8), JSON list or Excel workbook (.xlsx) of inquiries.")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Import inquiries; bad rows go to quarantine, repeats are recognised."""
    # Each command imports the services it calls: `--help` and every other command start faster.
    from fulfilment.db import unit_of_work
    from fulfilment.intake.service import import_inquiries

    context = ready()
    large = file.is_file() and file.stat().st_size > LARGE_FILE_BYTES
    with (
        progress_bar(f"Importing {file.name}", show=large and not as_json) as progress,
        unit_of_work(context.url) as uow,
    ):
        summary = import_inquiries(
            uow, file, profile=context.profile, now=context.now(), on_progress=progress
        )
    if as_json:
        emit_json(summary.as_dict())
        return
    console.print(
        f"{summary.rows} rows: {summary.accepted} accepted, {summary.quarantined} quarantined, "
        f"{summary.duplicates} already imported, {summary.skipped_blank} blank lines skipped"
    )
    if summary.unknown_columns:
        console.print(
            "Columns kept but not used: " + ", ".join(summary.unknown_columns), markup=False
        )
    if summary.quarantined:
        console.print("See them with: litcenter quarantine list")


def _parse_fixes(pairs: list[str]) -> dict[str, str]:
    fixes = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise BadInput(f"--set {pair!r} is not field=value; e.g. --set postcode=94043")
        fixes[name] = value
    return fixes


@quarantine.command("list")
def quarantine_list_command(
    status: Annotated[
        str, typer.Option(help=f"One of {', '.join(QuarantineStatus)}, or 'all'.")
    ] = "open",
    as_json: JsonFlag = False,
) -> None:
    """List quarantined rows with every reason."""
    if status != "all" and status not in tuple(QuarantineStatus):
        raise BadInput(f"status {status!r} is not one of: {', '.join(QuarantineStatus)}, all")
    from fulfilment.db import unit_of_work
    from fulfilment.views import quarantine_list

    with unit_of_work(ready().url) as uow:
        rows = quarantine_list(uow.session, status=None if status == "all" else status)
    if as_json:
        emit_json(rows)
        return
    table(
        f"Quarantined rows ({status})",
        ["id", "file", "row", "external id", "reasons"],
        [
            (r["id"], r["source"], r["row_number"], r["external_id"], "\n".join(r["reasons"]))
            for r in rows
        ],
    )
    if rows and status == "open":
        console.print("Fix one with: litcenter quarantine retry ID --set field=value")


@quarantine.command("retry")
def quarantine_retry(
    row_id: Annotated[int, typer.Argument(metavar="ID", help="Quarantined row id.")],
    set_: Annotated[
        list[str], typer.Option("--set", help="field=value to correct; repeat as needed.")
    ] = [],  # noqa: B006 - Typer reads the default, it is never mutated
    as_json: JsonFlag = False,
) -> None:
    """Correct fields of a quarantined row and try it again."""
    from fulfilment.db import unit_of_work
    from fulfilment.intake.service import retry_quarantined

    context = ready()
    fixes = _parse_fixes(set_)
    with unit_of_work(context.url) as uow:
        result = retry_quarantined(uow, row_id, fixes, profile=context.profile, now=context.now())
    if as_json:
        emit_json(
            {
                "id": result.quarantine_id,
                "accepted": result.accepted,
                "inquiry_id": result.inquiry_id,
                "reasons": result.reasons,
            }
        )
    elif result.accepted:
        console.print(f"Row {row_id} accepted as inquiry {result.inquiry_id}")
    if not result.accepted:
        errors.print(
            f"error: row {row_id} is still quarantined (your fixes are kept): "
            + "; ".join(result.reasons),
            markup=False,
            highlight=False,
        )
        sys.exit(1)


@inquiry.command("list")
def inquiry_list_command(
    status: Annotated[str | None, typer.Option(help="Only inquiries of this status.")] = None,
    sort: Annotated[
        str, typer.Option(help="received (oldest first) or next-call (soonest due first).")
    ] = "received",
    calls_due: Annotated[
        str | None,
        typer.Option("--calls-due", metavar="DAY", help="Only those with a call due by DAY."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List inquiries, oldest received first, with their next call."""
    from fulfilment.dates import parse_day
    from fulfilment.db import unit_of_work
    from fulfilment.views import inquiry_list

    if sort not in ("received", "next-call"):
        raise BadInput(f"--sort {sort!r} is not one of: received, next-call")
    context = ready()
    due_by = (
        parse_day(calls_due, today=context.now().date(), option="--calls-due")
        if calls_due
        else None
    )
    with unit_of_work(context.url) as uow:
        rows = inquiry_list(
            uow.session, status=status, by_next_call=sort == "next-call", next_call_by=due_by
        )
    if as_json:
        emit_json(rows)
        return
    table(
        "Inquiries",
        ["id", "received", "status", "name", "company", "country", "products", "urgency", "rep",
         "next call"],
        [
            (
                r["id"], r["received_at"][:16], r["status"], r["name"], r["company"],
                r["country"], ", ".join(r["products"]), r["urgency"], r["rep"], r["next_call_on"],
            )
            for r in rows
        ],
    )  # fmt: skip


@inquiry.command("show")
def inquiry_show_command(
    inquiry_id: Annotated[int, typer.Argument(metavar="ID")], as_json: JsonFlag = False
) -> None:
    """Show one inquiry: contact and address, rep, products and timeline."""
    from fulfilment.db import unit_of_work
    from fulfilment.views import inquiry_show

    with unit_of_work(ready().url) as uow:
        view = inquiry_show(uow.session, inquiry_id)
    if as_json:
        emit_json(view)
        return
    rep = view["rep"]
    key_values(
        [
            ("inquiry", view["id"]),
            ("external id", view["external_id"]),
            ("status", view["status"]),
            ("received", view["received_at"]),
            ("products", ", ".join(f"{p['code']} {p['name']}" for p in view["products"])),
            ("answer by", view["response"]),
            ("urgency", view["urgency"]),
            ("timeframe", view["timeframe"]),
            ("source", " / ".join(filter(None, [view["source"], view["source_detail"]]))),
            ("rep", f"{rep['name']} ({rep['code']})" if rep else "unassigned"),
            ("packet", _packet_line(view["packet"])),
            ("next call", _next_call_line(view["next_call"])),
            *[(name, value) for name, value in view["custom"].items()],
        ]
    )
    console.print()
    for line in view["contact"]["address_lines"]:
        console.print("  " + line, markup=False, highlight=False)
    console.print()
    if view["calls"]:
        table(
            "Calls",
            ["due", "status", "rep", "called", "outcome", "rating", "notes"],
            [
                (c["due"], c["status"], c["rep"], (c["called_at"] or "")[:16], c["outcome"],
                 c["rating"], c["notes"])
                for c in view["calls"]
            ],
        )  # fmt: skip
    table(
        "Timeline",
        ["when", "what", "detail"],
        [(e["at"][:16], e["kind"], e["detail"]) for e in view["timeline"]],
    )


def _packet_line(packet: dict[str, str | None] | None) -> str:
    if packet is None:
        return "none yet"
    when = packet["mailed_at"] if packet["status"] == "mailed" else packet["printed_at"]
    return f"{packet['number']} ({packet['status']}{f' {when[:10]}' if when else ''})"


def _next_call_line(call: dict[str, str | None] | None) -> str:
    if call is None:
        return "none booked"
    return f"{call['due']} by {call['rep'] or 'no rep'} ({call['reason']})"


@inquiry.command("resend")
def inquiry_resend_command(
    inquiry_id: Annotated[int, typer.Argument(metavar="ID")],
    item: Annotated[
        str | None,
        typer.Option("--item", metavar="CODE", help="Only this literature item; default: all."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Send literature again with a waiting inquiry's packet, although the contact has it."""
    from fulfilment.batch.resend import request_resend
    from fulfilment.db import unit_of_work

    context = ready()
    with unit_of_work(context.url) as uow:
        result = request_resend(uow, inquiry_id, code=item, now=context.now())
    if as_json:
        emit_json({"inquiry_id": result.inquiry_id, "all": result.all_items, "codes": result.codes})
        return
    what = "every item" if result.all_items else ", ".join(result.codes)
    console.print(
        f"Inquiry {inquiry_id}: its packet sends {what} again, received before or not",
        markup=False,
        highlight=False,
    )
