"""The mail room's manifest: one CSV row per printed packet, and the same as a totalled PDF."""

import codecs
import csv
from collections.abc import Iterable, Iterator
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Protocol

from fulfilment.batch.atomic import atomic_file
from fulfilment.batch.pdf_join import join_pdfs
from fulfilment.render.manifest import ManifestSummary, render_manifest
from fulfilment.render.packet import ManifestLine

COLUMNS = ("number", "name", "company", "country", "postage_class", "envelope", "weight_g")

# Spreadsheets run a cell starting with these as a formula; a leading apostrophe shows it as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# CSV rows encoded and written at a time.
_CSV_ROWS = 500


class ManifestSource(Protocol):
    """Where the manifest's lines come from: read in order, as often as the files need."""

    def summary(self) -> ManifestSummary:
        """The totals: all packets, per postage class, per country."""
        ...

    def in_packet_order(self) -> Iterable[ManifestLine]:
        """Every printed packet, in packet order."""
        ...

    def of_class(self, postage_class: str) -> Iterable[ManifestLine]:
        """One postage class's packets, in packet order."""
        ...


def write_manifest(
    source: ManifestSource,
    out_dir: Path,
    *,
    batch_date: date,
    company_name: str,
    paper_code: str = "a4",
) -> tuple[Path, Path]:
    """Write manifest.csv and manifest.pdf under out_dir, each atomically, a part at a time."""
    table = out_dir / "manifest.csv"
    with atomic_file(table) as handle:
        handle.writelines(manifest_csv(source.in_packet_order()))
    document = out_dir / "manifest.pdf"
    join_pdfs(
        render_manifest(
            source.summary(),
            source.of_class,
            batch_date=batch_date,
            company_name=company_name,
            paper_code=paper_code,
        ),
        document,
        title=f"Manifest {batch_date:%Y-%m-%d}",
    )
    return table, document


def manifest_csv(lines: Iterable[ManifestLine]) -> Iterator[bytes]:
    """The manifest as CSV in UTF-8 with a byte-order mark, so Excel reads Chinese names.

    Written a few hundred rows at a time, as the lines come.
    """
    text = StringIO()
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    yield codecs.BOM_UTF8
    for count, line in enumerate(lines, start=1):
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
        if count % _CSV_ROWS == 0:
            yield text.getvalue().encode("utf-8")
            text.seek(0)
            text.truncate()
    yield text.getvalue().encode("utf-8")


def _as_text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value
