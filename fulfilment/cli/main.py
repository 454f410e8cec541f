"""Entry point of the `litcenter` command: sub-commands and one-line error handling."""

import gc
import sys
from typing import NoReturn

import typer

from fulfilment.cli import (
    batch,
    call_sheets,
    calls,
    inquiries,
    labels,
    prefect_server,
    reports,
    reps,
    setup,
    stock,
    templates,
)
from fulfilment.cli.output import errors
from fulfilment.compat import ClickException, NoArgsIsHelpError, UsageError
from fulfilment.errors import LitcenterError

app = typer.Typer(
    help="Run the literature center: intake, stock, daily batch and follow-ups.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("init")(setup.init)
app.command("demo")(setup.demo)
app.command("import")(inquiries.import_file)
app.add_typer(setup.products, name="products")
app.add_typer(reps.reps, name="reps")
calls.calls.command("sheet")(call_sheets.sheet)
calls.calls.command("ics")(call_sheets.ics)
app.add_typer(calls.calls, name="calls")
app.add_typer(inquiries.quarantine, name="quarantine")
app.add_typer(inquiries.inquiry, name="inquiry")
app.add_typer(stock.literature, name="literature")
app.add_typer(stock.stock, name="stock")
app.add_typer(batch.batch, name="batch")
app.add_typer(labels.labels, name="labels")
app.add_typer(templates.templates, name="templates")
app.add_typer(prefect_server.prefect, name="prefect")
app.add_typer(reports.report, name="report")
app.add_typer(reports.sources, name="sources")
app.command("scan")(batch.scan)
app.command("preview")(batch.preview)
app.command("schedule")(batch.schedule)


def run() -> None:
    """Run the CLI; a problem the user can fix is one line on stderr and exit status 1."""
    try:
        _run()
    finally:
        # The process ends next and frees everything at once: frozen, its objects are not
        # walked by the collector at shutdown, which took up to a second after a batch run.
        gc.freeze()


def _run() -> None:
    try:
        # Not standalone: Click's usage errors reach us instead of printing a Rich panel.
        status = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:
        # The help is already printed, as `litcenter` or `litcenter batch` alone ask for it.
        sys.exit(exc.exit_code)
    except ClickException as exc:
        # Click wraps some messages over lines; an error stays one line.
        _fail(" ".join(exc.format_message().split()).rstrip(".") + _help_hint(exc))
    except typer.Abort:
        _fail("aborted; nothing more was done")
    except LitcenterError as exc:
        _fail(str(exc))
    # --help and Ctrl-C come back as an exit status; a command that finished returns None.
    if isinstance(status, int):
        sys.exit(status)


def _help_hint(error: ClickException) -> str:
    context = error.ctx if isinstance(error, UsageError) else None
    return f"; see '{context.command_path} --help'" if context else ""


def _fail(message: str) -> NoReturn:
    errors.print(f"error: {message}", markup=False, highlight=False)
    sys.exit(1)
