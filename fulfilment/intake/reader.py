"""Read inquiry, product and rep files (CSV, JSON or Excel) into numbered rows of text."""

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import FromClause, String

from fulfilment.errors import BadInput
from fulfilment.intake.workbook import sheet_records


@dataclass(frozen=True)
class RawRow:
    """One input record: its 1-based row number in the file and its fields by header."""

    number: int
    fields: dict[str, str]


@dataclass
class RowFile:
    """The rows of one file and how many blank rows were skipped."""

    rows: list[RawRow] = field(default_factory=list)
    skipped_blank: int = 0


def header_key(name: str) -> str:
    """Headers match case-insensitively, ignoring surrounding spaces."""
    return name.strip().lower()


def read_rows(path: Path) -> RowFile:
    """Read a CSV (UTF-8, with or without BOM), JSON list-of-objects or Excel (.xlsx) file."""
    if not path.is_file():
        raise BadInput(f"{path}: no such file; check the path")
    if path.suffix.lower() == ".xlsx":
        return _table_rows(sheet_records(path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV or JSON"
        ) from exc
    if path.suffix.lower() == ".json" or text.lstrip().startswith("["):
        return _json_rows(path, text)
    return _table_rows(_numbered_records(path, text))


def _table_rows(records: Iterable[tuple[int, list[str]]]) -> RowFile:
    """Rows under the first non-blank record's headers, the same for CSV and spreadsheets."""
    result = RowFile()
    headers: list[str] | None = None
    for line, record in records:
        if not any(value.strip() for value in record):
            if headers is not None:
                result.skipped_blank += 1
            continue
        if headers is None:
            headers = [header_key(name) for name in record]
            continue
        values = record + [""] * (len(headers) - len(record))
        fields = dict(zip(headers, values, strict=False))
        for extra_number, value in enumerate(values[len(headers) :], start=1):
            fields[f"_extra_{extra_number}"] = value
        result.rows.append(RawRow(number=line, fields=fields))
    return result


def _numbered_records(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on; a line csv cannot parse (a field over its
    size limit) refuses the file in one line."""
    # StringIO rather than str.splitlines: splitlines also breaks on \x1c-\x1e, \x85 and
    # \u2028, which are ordinary characters inside a CSV field.
    reader = csv.reader(io.StringIO(text, newline=""))
    start_line = 1
    try:
        for record in reader:
            yield start_line, record
            start_line = reader.line_num + 1
    except csv.Error as exc:
        raise BadInput(
            f"{path}: line {reader.line_num}: not readable as CSV ({exc}); fix the file"
        ) from exc


def _json_rows(path: Path, text: str) -> RowFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"{path}: not valid JSON (line {exc.lineno}: {exc.msg}); fix the file"
        ) from exc
    if not isinstance(data, list):
        raise BadInput(f"{path}: expected a JSON list of objects, one per inquiry")
    result = RowFile()
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise BadInput(f"{path}: item {number} is not an object; each inquiry is an object")
        fields = {header_key(str(key)): _as_text(value) for key, value in item.items()}
        if not any(value.strip() for value in fields.values()):
            result.skipped_blank += 1
            continue
        result.rows.append(RawRow(number=number, fields=fields))
    return result


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(_as_text(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def column_lengths(table: FromClause) -> dict[str, int]:
    """The longest text each length-limited column of a table holds, by column name."""
    return {
        column.name: column.type.length
        for column in table.columns
        if isinstance(column.type, String) and column.type.length
    }


def read_reference_rows(
    path: Path, required: tuple[str, ...], *, lengths: Mapping[str, int]
) -> list[RawRow]:
    """Rows of a products or reps file, refused whole when a field is empty, too long for its
    column or holds a NUL, before anything is written."""
    rows = read_rows(path).rows
    problems = [
        f"row {raw.number}: {problem}"
        for raw in rows
        for problem in _reference_problems(raw.fields, required, lengths)
    ]
    if problems:
        raise BadInput(f"{path.name}: {'; '.join(problems)}; nothing was imported")
    return rows


def _reference_problems(
    fields: dict[str, str], required: tuple[str, ...], lengths: Mapping[str, int]
) -> list[str]:
    values = {name: value.strip() for name, value in fields.items()}
    empty = [f"{name} is empty" for name in required if not values.get(name)]
    too_long = [
        f"{name} has {len(value)} characters, at most {lengths[name]} fit; shorten it"
        for name, value in values.items()
        if name in lengths and len(value) > lengths[name]
    ]
    # PostgreSQL cannot store NUL in text; it only comes from a file exported badly.
    nul = [
        f"{name} contains a NUL character; remove it"
        for name, value in values.items()
        if "\x00" in value
    ]
    return empty + too_long + nul
