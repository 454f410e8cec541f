"""Commands that set the center up: init, demo, products and reps."""

from dataclasses import asdict
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated

import typer

from fulfilment.catalog import import_products
from fulfilment.cli.context import ready
from fulfilment.cli.output import JsonFlag, console, emit_json, key_values
from fulfilment.home import initialise
from fulfilment.intake.service import import_inquiries
from fulfilment.reps import import_reps
from fulfilment.settings import Settings

products = typer.Typer(help="The product range the center answers about.", no_args_is_help=True)
reps = typer.Typer(help="Sales reps and their territories.", no_args_is_help=True)

FileArg = Annotated[Path, typer.Argument(help="CSV file to read.")]


def init(as_json: JsonFlag = False) -> None:
    """Create or migrate the database and write a starter litcenter.toml (safe to repeat)."""
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
    result = import_products(ready().url, file)
    if as_json:
        emit_json(result.as_dict())
        return
    console.print(
        f"{result.rows} products: {result.created} new, {result.updated} updated, "
        f"{result.relations} relations"
    )


@reps.command("import")
def reps_import(file: FileArg, as_json: JsonFlag = False) -> None:
    """Load reps (code,name,email,phone,countries,regions,postcode_prefixes,families)."""
    result = import_reps(ready().url, file)
    if as_json:
        emit_json(result.as_dict())
        return
    console.print(f"{result.rows} reps: {result.created} new, {result.updated} updated")


def demo(as_json: JsonFlag = False) -> None:
    """Set up a demo center: sample products, reps and inquiries from several countries."""
    settings = Settings()
    initialise(settings)
    url = settings.resolved_database_url
    with as_file(files("fulfilment").joinpath("demo_data")) as folder:
        loaded = {
            "products": import_products(url, folder / "products.csv").as_dict(),
            "reps": import_reps(url, folder / "reps.csv").as_dict(),
            "inquiries": import_inquiries(
                url, folder / "inquiries.csv", profile=settings.profile
            ).as_dict(),
        }
    if as_json:
        emit_json({"home": str(settings.home.resolve()), **loaded})
        return
    intake = loaded["inquiries"]
    console.print(f"Demo center in {settings.home.resolve()}")
    console.print(
        f"{loaded['products']['rows']} products, {loaded['reps']['rows']} reps, "
        f"{intake['accepted']} inquiries accepted, {intake['quarantined']} quarantined, "
        f"{intake['duplicates']} already there"
    )
    console.print("Next: litcenter inquiry list  |  litcenter quarantine list")
