"""Commands for the label printer: the sheets it can take and the sheet that aligns it."""

from pathlib import Path
from typing import Annotated

import typer

from fulfilment.cli.context import out_folder
from fulfilment.cli.output import JsonFlag, console, emit_json, key_values, table

labels = typer.Typer(help="The label printer: label sheets and alignment.", no_args_is_help=True)


@labels.command("sheets")
def sheets(as_json: JsonFlag = False) -> None:
    """The label sheets litcenter can print on; set one as label_sheet in litcenter.toml."""
    # Importing any of fulfilment.render loads ReportLab: only these commands do, when they run.
    from fulfilment.render.stationery import label_sheet, label_sheet_codes

    rows = [
        {"code": code, "name": label_sheet(code).name, "per_sheet": label_sheet(code).per_sheet}
        for code in label_sheet_codes()
    ]
    if as_json:
        emit_json(rows)
        return
    table("Label sheets", ["code", "labels", "name"],
          [(row["code"], row["per_sheet"], row["name"]) for row in rows])  # fmt: skip


@labels.command("align")
def align(
    out: Annotated[Path, typer.Option("--out", help="Where to write the PDF.")] = Path(
        "label-alignment.pdf"
    ),
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="A label sheet code; default: litcenter.toml's.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Print each label's outline with the printer's offsets, to hold against a blank sheet."""
    from fulfilment.batch.atomic import atomic_write
    from fulfilment.render import render_alignment_sheet
    from fulfilment.render.stationery import label_sheet
    from fulfilment.settings import Settings

    profile = Settings().profile
    if out.is_dir():
        out = out / "label-alignment.pdf"
    out_folder(out.parent)
    code = label_sheet(sheet or profile.label_sheet).code
    atomic_write(
        out,
        render_alignment_sheet(
            code, offset_x_mm=profile.label_offset_x_mm, offset_y_mm=profile.label_offset_y_mm
        ),
    )
    result = {
        "file": str(out.resolve()),
        "sheet": code,
        "offset_x_mm": profile.label_offset_x_mm,
        "offset_y_mm": profile.label_offset_y_mm,
    }
    if as_json:
        emit_json(result)
        return
    key_values(list(result.items()))
    console.print(
        "Print it at actual size, hold it over a blank sheet against the light, and set "
        "label_offset_x_mm (right) and label_offset_y_mm (down) in litcenter.toml.",
        markup=False,
    )
