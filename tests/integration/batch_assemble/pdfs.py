"""Helpers for the assemble tests: labelled PDFs, their text read back, files opened."""

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

_recordings: list[list[str]] = []


def _record_opens(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _recordings and isinstance(args[0], str | bytes | os.PathLike):
        _recordings[-1].append(os.path.realpath(os.fsdecode(args[0])))


# An audit hook cannot be removed again: it stays, and records only inside opened_files().
sys.addaudithook(_record_opens)


@contextmanager
def opened_files() -> Iterator[list[str]]:
    """Every file the process opens inside the block, as real paths, in order."""
    opened: list[str] = []
    _recordings.append(opened)
    try:
        yield opened
    finally:
        _recordings.pop()


def labelled_pdf(labels: Sequence[str], *, size: tuple[float, float] = (595, 842)) -> bytes:
    """One page per label, the label written in the middle, a form shared by every page."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    canvas.beginForm("frame")
    canvas.rect(36, 36, size[0] - 72, size[1] - 72)
    canvas.endForm()
    for label in labels:
        canvas.doForm("frame")
        canvas.drawString(72, size[1] / 2, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_pdf(path: Path, labels: Sequence[str]) -> Path:
    path.write_bytes(labelled_pdf(labels))
    return path


def page_texts(pdf: Path | bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    source = BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return [page.extract_text() for page in PdfReader(source).pages]


def text_lines(pdf: Path | bytes) -> list[str]:
    """Every non-blank line of text in the document, stripped, page after page."""
    return [line.strip() for text in page_texts(pdf) for line in text.splitlines() if line.strip()]


def has_run(lines: Sequence[str], run: Sequence[str]) -> bool:
    """Whether `run` occurs as consecutive lines: one table row reads as a run of cells."""
    return any(list(lines[i : i + len(run)]) == list(run) for i in range(len(lines)))
