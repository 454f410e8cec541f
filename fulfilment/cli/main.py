"""Entry point of the `litcenter` command: sub-commands and one-line error handling."""

import sys

import typer

from fulfilment.cli import batch, inquiries, labels, setup, stock
from fulfilment.cli.output import errors
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
app.add_typer(setup.reps, name="reps")
app.add_typer(inquiries.quarantine, name="quarantine")
app.add_typer(inquiries.inquiry, name="inquiry")
app.add_typer(stock.literature, name="literature")
app.add_typer(stock.stock, name="stock")
app.add_typer(batch.batch, name="batch")
app.add_typer(labels.labels, name="labels")
app.command("scan")(batch.scan)
app.command("preview")(batch.preview)
app.command("schedule")(batch.schedule)


def run() -> None:
    """Run the CLI; a problem the user can fix is one line on stderr and exit status 1."""
    try:
        app()
    except LitcenterError as exc:
        errors.print(f"error: {exc}", markup=False, highlight=False)
        sys.exit(1)
