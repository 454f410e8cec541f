"""Read the first sheet of an Excel workbook (.xlsx) into numbered records of text."""

import re
import warnings
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from fulfilment.errors import BadInput

# Excel saves a password-protected workbook (as it did every old .xls) as an OLE compound file,
# not a zip archive; openpyxl would only say "not a zip file".
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# A format of zeros ("00000", Excel's Zip Code) shows a number with its leading zeros.
_ZERO_PADDED = re.compile(r"0+")
# Excel shows and keeps 15 significant digits; more are binary noise (0.1 + 0.2).
_EXCEL_DIGITS = ".15g"
_RESAVE = "open it in Excel and save it again as an Excel Workbook (.xlsx)"

Record = tuple[int, list[str]]


def sheet_records(path: Path) -> list[Record]:
    """Each row of the first sheet as text, numbered as Excel shows it, trailing empty rows
    left out; a workbook without a header row and at least one row below it is refused."""
    with path.open("rb") as handle:
        if handle.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE:
            raise BadInput(
                f"{path}: a password-protected workbook or an old .xls file, which cannot be"
                " read; open it in Excel, remove the password (File > Info > Protect Workbook)"
                " and save it as an Excel Workbook (.xlsx)"
            )
    records = _read_first_sheet(path)
    while records and not _filled(records[-1]):
        records.pop()
    filled = sum(1 for record in records if _filled(record))
    if filled == 0:
        raise BadInput(
            f"{path}: the first sheet is empty; put the column headers in row 1 of the first"
            " sheet and one lead per row below them"
        )
    if filled == 1:
        raise BadInput(
            f"{path}: the first sheet has a header row but no leads below it; add one lead per"
            " row under the headers"
        )
    return records


def _filled(record: Record) -> bool:
    return any(value.strip() for value in record[1])


def _read_first_sheet(path: Path) -> list[Record]:
    # Imported here: openpyxl takes a while to load and only workbooks need it.
    from openpyxl import load_workbook

    # openpyxl warns about parts it would drop when saving (data validation, defaults);
    # reading loses nothing, and a warning on stderr would read like an error.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            # A damaged file fails in zipfile, zlib, the XML parser or openpyxl's own checks,
            # each with its own exception type; to the user they are all the same problem.
            raise _damaged(path, exc) from exc
        try:
            if not workbook.worksheets:
                raise BadInput(f"{path}: the workbook has no sheet of cells; {_RESAVE}")
            sheet = workbook.worksheets[0]
            # The size a workbook records can be stale or missing; read every row there is.
            sheet.reset_dimensions()
            return [
                (number, _row_text(cells))
                for number, cells in enumerate(sheet.iter_rows(), start=1)
            ]
        except BadInput:
            raise
        except Exception as exc:
            # A read-only workbook parses a sheet only while its rows are read.
            raise _damaged(path, exc) from exc
        finally:
            workbook.close()


def _damaged(path: Path, exc: Exception) -> BadInput:
    # str() of a KeyError (a part missing from the zip) adds quotes around its message.
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    lines = text.strip().splitlines()
    reason = lines[0][:120] if lines else type(exc).__name__
    return BadInput(
        f"{path}: not a readable Excel workbook ({reason}); {_RESAVE}, or ask the sender for"
        " a new copy"
    )


def _row_text(cells: tuple[Any, ...]) -> list[str]:
    values = [cell_text(cell.value, cell.number_format) for cell in cells]
    # Formatted but empty cells at the end of a row are not columns anyone filled in.
    while values and values[-1] == "":
        values.pop()
    return values


def cell_text(value: object, number_format: str | None = None) -> str:
    """The text a cell shows: whole numbers without ".0", dates as ISO, empty as ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = format(Decimal(format(value, _EXCEL_DIGITS)), "f")
    else:
        return str(value)
    if number_format and _ZERO_PADDED.fullmatch(number_format) and text.isdigit():
        return text.zfill(len(number_format))
    return text
