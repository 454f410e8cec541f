"""Excel workbooks for intake tests, written with openpyxl as a spreadsheet program saves them."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

# A password-protected workbook is an OLE compound file; its first bytes are enough to tell.
ENCRYPTED_XLSX = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(range(256)) * 8


def write_xlsx(
    path: Path, rows: Sequence[Sequence[Any]], *, formats: dict[str, str] | None = None
) -> Path:
    """Write rows to the first sheet from row 1; formats maps cells ("C2") to number formats."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for coordinate, number_format in (formats or {}).items():
        sheet[coordinate].number_format = number_format
    workbook.save(path)
    return path


def lead_rows(leads: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """A header row of the union of the leads' keys, in first-seen order, then one row each."""
    headers = list(dict.fromkeys(key for lead in leads for key in lead))
    return [headers, *([lead.get(name) for name in headers] for lead in leads)]
