"""Commands for marketing's copies of the letter texts and stationery data in the home folder."""

import shutil
from typing import Annotated

import typer

from fulfilment.cli.output import JsonFlag, console, emit_json

templates = typer.Typer(
    help="Letter texts and stationery data: edit copies in the home folder.", no_args_is_help=True
)


@templates.command("copy")
def copy(
    force: Annotated[
        bool, typer.Option("--force", help="Replace copies already there with the defaults.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Copy the default templates into the home to edit; a copy there is used instead."""
    # Importing any of fulfilment.render loads ReportLab: only this command does, when it runs.
    from fulfilment.render.locate import home_templates, locate_templates

    target = home_templates()
    defaults = locate_templates()
    copied, kept = [], []
    for source in sorted(path for path in defaults.rglob("*") if path.is_file()):
        relative = source.relative_to(defaults)
        destination = target / relative
        if destination.exists() and not force:
            kept.append(str(relative))
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        copied.append(str(relative))
    result = {"folder": str(target), "copied": copied, "kept": kept}
    if as_json:
        emit_json(result)
        return
    console.print(
        f"{len(copied)} files copied to {target}, {len(kept)} edited copies kept; "
        "edit them there and check with 'litcenter preview'",
        markup=False,
    )
