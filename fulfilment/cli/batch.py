"""Commands for the daily batch, the mail room and template previews."""

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fulfilment.cli.context import Context, out_folder, ready
from fulfilment.cli.output import (
    JsonFlag,
    console,
    emit_json,
    errors,
    key_values,
    quiet_prefect_console,
    step_progress,
    table,
)
from fulfilment.clock import local_now
from fulfilment.errors import BadInput
from fulfilment.states import ScanOutcome

if TYPE_CHECKING:
    from prefect.schedules import Schedule

    from fulfilment.settings import CompanyProfile

batch = typer.Typer(
    help="The daily batch: new inquiries to print-ready packets.", no_args_is_help=True
)

BATCH_RUN_KEYS = ("batch_id", "date", "packets", "new_packets",
                  "inquiries_answered", "held", "backordered",
                  "separate_cover", "files", "warnings", "seconds")  # fmt: skip
OutOption = Annotated[Path | None, typer.Option("--out", help="Folder for the files.")]
LabelStartOption = Annotated[
    int, typer.Option("--label-start", help="First unused label on a partly used sheet.")
]


def _date(text: str | None, context: Context) -> date:
    from fulfilment.dates import parse_day

    today = local_now(context.profile.timezone).date()
    return today if text is None else parse_day(text, today=today, option="--date")


@batch.command("run")
def run_batch(
    when: Annotated[str | None, typer.Option("--date", help="Business day, YYYY-MM-DD.")] = None,
    out: OutOption = None,
    label_start: LabelStartOption = 1,
    as_json: JsonFlag = False,
) -> None:
    """Plan, reserve, render, assemble and commit the day's packets (safe to re-run)."""
    # Prefect takes seconds to import: only the commands that run flows load it.
    quiet_prefect_console()
    from flows.daily_batch import run_daily_batch
    from flows.progress import BATCH_STEPS, listening
    from flows.runtime import prefect_api

    context = ready()
    business_date = _date(when, context)
    out_dir = out_folder(out or context.settings.home / "batches" / business_date.isoformat())
    with step_progress(f"Batch {business_date}", BATCH_STEPS, show=not as_json) as show:
        show("starting Prefect")
        with prefect_api(), listening(show):
            summary = run_daily_batch(business_date, out_dir.resolve(), label_start=label_start)
    result = {key: summary[key] for key in BATCH_RUN_KEYS}
    if as_json:
        emit_json(result)
        return
    console.print(
        f"Batch {summary['date']}: {summary['packets']} packets ({summary['new_packets']} new) "
        f"for {summary['inquiries_answered']} inquiries, {summary['held']} held, "
        f"{summary['backordered']} items backordered, "
        f"{summary['seconds']} s"
    )
    if summary["separate_cover"]:
        console.print(f"{summary['separate_cover']} owed items go out under separate cover")
    key_values([(name, path) for name, path in summary["files"].items()])
    for warning in summary["warnings"]:
        console.print(f"warning: {warning}", markup=False)


@batch.command("list")
def list_batches(as_json: JsonFlag = False) -> None:
    """Every batch, newest first."""
    # Each command imports the services it calls: the renderers and pypdf load only for the
    # commands that print, so `--help`, `list` and `scan` start fast.
    from fulfilment.batch.views import batch_list
    from fulfilment.db import unit_of_work

    with unit_of_work(ready().url) as uow:
        rows = batch_list(uow.session)
    if as_json:
        emit_json(rows)
        return
    table(
        "Batches",
        ["id", "date", "status", "packets", "held", "backordered"],
        [(r["batch_id"], r["date"], r["status"], r["packets"], r["held"], r["backordered"])
         for r in rows],
    )  # fmt: skip


@batch.command("show")
def show_batch(
    batch_id: Annotated[int, typer.Argument(metavar="ID")], as_json: JsonFlag = False
) -> None:
    """One batch: its packets with their items, and the inquiries held back."""
    from fulfilment.batch.views import batch_show
    from fulfilment.db import unit_of_work

    with unit_of_work(ready().url) as uow:
        view = batch_show(uow.session, batch_id)
    if as_json:
        emit_json(view)
        return
    console.print(
        f"Batch {view['date']} ({view['status']}), files in {view['out_dir']}", markup=False
    )
    table(
        "Packets",
        ["number", "inquiry", "channel", "status", "envelope", "g", "items"],
        [
            (p["number"], p["inquiry_id"], p["channel"], p["status"], p["envelope"], p["weight_g"],
             ", ".join(f"{i['code']} ({i['status']})" for i in p["items"]))
            for p in view["packets"]
        ],
    )  # fmt: skip
    if view["holds"]:
        table(
            "Held", ["inquiry", "reason"], [(h["inquiry_id"], h["reason"]) for h in view["holds"]]
        )
    if view["separate_cover"]:
        table(
            "Sent under separate cover",
            ["packet", "inquiry", "item", "status"],
            [
                (s["packet"], s["inquiry_id"], s["code"], s["status"])
                for s in view["separate_cover"]
            ],
        )


@batch.command("reprint")
def reprint(
    number: Annotated[str, typer.Argument(metavar="PACKET")],
    out: OutOption = None,
    label_start: LabelStartOption = 1,
    as_json: JsonFlag = False,
) -> None:
    """Print a spoiled packet again, without picking its literature twice."""
    from fulfilment.batch.mailroom import reprint_packet
    from fulfilment.db import unit_of_work

    context = ready()
    with unit_of_work(context.url) as uow:
        files = reprint_packet(
            uow,
            number,
            out_dir=out_folder(out or Path.cwd()),
            profile=context.profile,
            now=context.now(),
            label_start=label_start,
        )
    if as_json:
        emit_json(files)
        return
    key_values(list(files.items()))


def scan(
    numbers: Annotated[list[str] | None, typer.Argument(metavar="PACKET...")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="One packet number per line.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Mark packets mailed as they go to the carrier; with no numbers, read them from stdin."""
    from fulfilment.batch.mailroom import scan_packets
    from fulfilment.db import unit_of_work

    context = ready()
    given = list(numbers or [])
    if file is not None:
        if not file.is_file():
            raise BadInput(f"{file}: no such file; check the path")
        given += file.read_text(encoding="utf-8").splitlines()
    if not given and not numbers and file is None:
        given = sys.stdin.read().splitlines()
    with unit_of_work(context.url) as uow:
        outcomes = scan_packets(uow, given, profile=context.profile, now=context.now())
    if as_json:
        emit_json(outcomes)
    else:
        for outcome in outcomes:
            console.print(f"{outcome['number']}  {outcome['outcome']}", markup=False)
    problems = [
        o for o in outcomes if o["outcome"] not in (ScanOutcome.MAILED, ScanOutcome.ALREADY_MAILED)
    ]
    if problems:
        errors.print(
            f"error: {len(problems)} of {len(outcomes)} scans not marked mailed: "
            + ", ".join(f"{o['number']} ({o['outcome']})" for o in problems),
            markup=False,
            highlight=False,
        )
        sys.exit(1)


def preview(
    inquiry_id: Annotated[int, typer.Argument(metavar="INQUIRY_ID")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the PDFs.")],
    as_json: JsonFlag = False,
) -> None:
    """Render an inquiry's letter, envelope and label as today's batch would, changing nothing."""
    from fulfilment.batch.preview import preview_packet
    from fulfilment.db import unit_of_work

    context = ready()
    with unit_of_work(context.url) as uow:
        files = preview_packet(
            uow.session,
            inquiry_id,
            out_dir=out_folder(out),
            profile=context.profile,
            today=context.now().date(),
        )
    if as_json:
        emit_json(files)
        return
    key_values(list(files.items()))


def schedule() -> None:
    """Serve the daily batch on the cron in litcenter.toml; needs `litcenter prefect start`."""
    from fulfilment.prefect_home import running_server

    context = ready()
    if not os.environ.get("PREFECT_API_URL"):
        server = running_server(context.settings.home)
        if server is None:
            raise BadInput(
                "schedules need a Prefect server that stays up: run 'litcenter prefect start' "
                "(or set PREFECT_API_URL to one)"
            )
        # Prefect reads its API URL when first imported, so it is set before the import.
        os.environ["PREFECT_API_URL"] = server.api_url
    # Prefect takes seconds to import: only the commands that run flows load it.
    from flows.daily_batch import scheduled_batch

    daily = daily_schedule(context.profile)
    console.print(
        f"Serving the daily batch on '{daily.cron}' ({daily.timezone}); Ctrl-C stops it",
        markup=False,
    )
    scheduled_batch.serve(name="litcenter-daily-batch", schedules=[daily])


def daily_schedule(profile: "CompanyProfile") -> "Schedule":
    """The batch's cron in the center's time zone, as the cut-off is; Prefect's default is UTC."""
    from prefect.schedules import Cron

    try:
        return Cron(profile.batch_cron, timezone=profile.timezone)
    except ValueError as exc:
        raise BadInput(
            f"litcenter.toml: batch_cron {profile.batch_cron!r} is not a cron expression ({exc}); "
            "e.g. '30 15 * * 1-5' for 15:30 on weekdays"
        ) from exc
