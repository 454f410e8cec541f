"""Commands that set the center up: init, demo and products."""

from dataclasses import asdict
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated

import typer

from fulfilment.cli.context import ready
from fulfilment.cli.output import (
    JsonFlag,
    console,
    emit_json,
    key_values,
    quiet_prefect_console,
    step_progress,
)
from fulfilment.clock import local_now

products = typer.Typer(help="The product range the center answers about.", no_args_is_help=True)

FileArg = Annotated[Path, typer.Argument(help="CSV file to read.")]


def init(as_json: JsonFlag = False) -> None:
    """Create or migrate the database and write a starter litcenter.toml (safe to repeat)."""
    # Each command imports the services it calls: `--help` and every other command start faster.
    from fulfilment.home import initialise
    from fulfilment.settings import Settings

    result = initialise(Settings())
    if as_json:
        emit_json(asdict(result))
        return
    key_values(
        [
            ("home", result.home),
            ("database", result.database),
            ("schema", result.revision),
            ("profile", result.profile + (" (created: edit it)" if result.profile_created else "")),
        ]
    )


@products.command("import")
def products_import(file: FileArg, as_json: JsonFlag = False) -> None:
    """Load products (code,name,family,description,related) from a CSV."""
    from fulfilment.catalog import import_products
    from fulfilment.db import unit_of_work

    with unit_of_work(ready().url) as uow:
        result = import_products(uow, file)
    if as_json:
        emit_json(result.as_dict())
        return
    console.print(
        f"{result.rows} products: {result.created} new, {result.updated} updated, "
        f"{result.relations} relations"
    )


def demo(as_json: JsonFlag = False) -> None:
    """A demo center: sample products, reps, literature and stock, inquiries, today's batch."""
    # Prefect takes seconds to import: only the commands that run flows load it.
    quiet_prefect_console()
    from flows.daily_batch import run_daily_batch
    from flows.progress import BATCH_STEPS, listening
    from flows.runtime import prefect_api
    from fulfilment.catalog import import_products
    from fulfilment.db import unit_of_work
    from fulfilment.home import initialise
    from fulfilment.intake.service import import_inquiries
    from fulfilment.reps import import_reps
    from fulfilment.settings import Settings
    from inventory.bulk import import_literature

    settings = Settings()
    initialise(settings)
    url, home = settings.resolved_database_url, settings.home.resolve()
    profile = settings.profile
    now = local_now(profile.timezone)
    with as_file(files("fulfilment").joinpath("demo_data")) as folder, unit_of_work(url) as uow:
        loaded = {
            "products": import_products(uow, folder / "products.csv").as_dict(),
            "reps": import_reps(uow, folder / "reps.csv").as_dict(),
            "literature": import_literature(
                uow, folder / "literature.csv", home=home, now=now
            ).as_dict(),
            "inquiries": import_inquiries(
                uow, folder / "inquiries.csv", profile=profile, now=now
            ).as_dict(),
        }
    today = now.date()
    with step_progress(f"Today's batch, {today}", BATCH_STEPS, show=not as_json) as show:
        show("starting Prefect")
        with prefect_api(), listening(show):
            batch = run_daily_batch(today, home / "batches" / today.isoformat())
    if as_json:
        emit_json({"home": str(home), **loaded, "batch": batch})
        return
    intake = loaded["inquiries"]
    console.print(f"Demo center in {home}")
    console.print(
        f"{loaded['products']['rows']} products, {loaded['reps']['rows']} reps, "
        f"{loaded['literature']['rows']} literature items, "
        f"{intake['accepted']} inquiries accepted, {intake['quarantined']} quarantined"
    )
    console.print(
        f"Batch {batch['date']}: {batch['packets']} packets for {batch['inquiries_answered']} "
        f"inquiries, {batch['held']} held, "
        f"{batch['backordered']} items backordered, in {batch['seconds']} s. Files:"
    )
    key_values(list(batch["files"].items()))
    for warning in batch["warnings"]:
        console.print(f"warning: {warning}", markup=False)
    console.print(
        "Next: litcenter batch show "
        f"{batch['batch_id']}  |  litcenter quarantine list  |  litcenter stock show"
    )
