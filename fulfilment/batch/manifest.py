"""The mail room's manifest: one CSV row per printed packet, and the same as a totalled PDF."""

import csv
from collections.abc import Sequence
from datetime import date
from io import StringIO
from pathlib import Path

from fulfilment.batch.atomic import atomic_write
from fulfilment.batch.manifest_pdf import render_manifest
from fulfilment.batch.outputs import ManifestLine

COLUMNS = ("number", "name", "company", "country", "postage_class", "envelope", "weight_g")

# Spreadsheets run a cell starting with these as a formula; a leading apostrophe shows it as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_manifest(
    lines: Sequence[ManifestLine],
    out_dir: Path,
    *,
    batch_date: date,
    company_name: str,
    paper_code: str = "a4",
) -> tuple[Path, Path]:
    """Write manifest.csv and manifest.pdf under out_dir, each atomically."""
    table = atomic_write(out_dir / "manifest.csv", manifest_csv(lines))
    document = atomic_write(
        out_dir / "manifest.pdf",
        render_manifest(
            lines, batch_date=batch_date, company_name=company_name, paper_code=paper_code
        ),
    )
    return table, document


def manifest_csv(lines: Sequence[ManifestLine]) -> bytes:
    """The manifest as CSV in UTF-8 with a byte-order mark, so Excel reads Chinese names."""
    text = StringIO()
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for line in lines:
        writer.writerow(
            [
                _as_text(line.number),
                _as_text(line.name),
                _as_text(line.company),
                _as_text(line.country),
                _as_text(line.postage_class),
                _as_text(line.envelope),
                line.weight_g,
            ]
        )
    return text.getvalue().encode("utf-8-sig")


def _as_text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value
