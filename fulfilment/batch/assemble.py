"""Merging render chunks into one PDF per printer feed, streamed so memory stays flat."""

from array import array
from collections import deque
from collections.abc import Sequence
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

from fulfilment.batch.atomic import atomic_file
from fulfilment.errors import LitcenterError

_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
_CATALOG, _PAGE_TREE = 1, 2
_BATCH = 4096


def merge_pdfs(parts: Sequence[Path], target: Path) -> int:
    """Append the chunk PDFs to one file at `target`, in the order given; returns its pages.

    pypdf's PdfWriter keeps every page of the result in memory until it writes (about 15 KB
    a page, so gigabytes for a large batch); this writes each chunk's pages as it reads them
    and keeps only object offsets, so memory stays at one chunk however long the batch.
    """
    if not parts:
        raise ValueError("no chunk files to merge")
    missing = [str(part) for part in parts if not part.is_file()]
    if missing:
        raise LitcenterError(
            f"chunk file {missing[0]} is missing ({len(missing)} of {len(parts)}); "
            "run the batch again to render it"
        )
    with atomic_file(target) as handle:
        merged = _StreamedPdf(handle)
        for part in parts:
            try:
                merged.append(PdfReader(part))
            except (PyPdfError, ValueError) as exc:
                raise LitcenterError(
                    f"chunk file {part} cannot be read ({exc}); delete it and run the batch again"
                ) from exc
        merged.finish()
    return len(merged.pages)


class _StreamedPdf:
    """A PDF written object by object: pages under one page tree, offsets for the xref."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        # Plain machine integers: a long batch has hundreds of thousands of objects to track.
        self.offsets = array("Q", [0, 0, 0])
        self.pages = array("Q")
        out.write(_HEADER)

    def reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def append(self, reader: PdfReader) -> None:
        """Copy every page of `reader` and what it uses, renumbered after what is written."""
        _Chunk(self).copy(reader)

    def start_object(self, number: int) -> None:
        self.offsets[number] = self.out.tell()
        self.out.write(b"%d 0 obj\n" % number)

    def finish(self) -> None:
        self.start_object(_PAGE_TREE)
        self.out.write(b"<< /Type /Pages /Count %d /Kids [" % len(self.pages))
        for start in range(0, len(self.pages), _BATCH):
            self.out.write(b"".join(b"%d 0 R " % n for n in self.pages[start : start + _BATCH]))
        self.out.write(b"] >>\nendobj\n")
        self.start_object(_CATALOG)
        self.out.write(b"<< /Type /Catalog /Pages %d 0 R >>\nendobj\n" % _PAGE_TREE)
        table = self.out.tell()
        self.out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets))
        for start in range(1, len(self.offsets), _BATCH):
            entries = self.offsets[start : start + _BATCH]
            self.out.write(b"".join(b"%010d 00000 n \n" % offset for offset in entries))
        self.out.write(
            b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self.offsets), _CATALOG, table)
        )


class _Chunk:
    """One chunk's objects on their way out: its object numbers mapped to the merged file's."""

    def __init__(self, pdf: _StreamedPdf) -> None:
        self.pdf = pdf
        self.numbers: dict[tuple[int, int], int] = {}
        self.pending: deque[IndirectObject] = deque()

    def copy(self, reader: PdfReader) -> None:
        pages = list(reader.pages)
        numbers = [self.pdf.reserve() for _ in pages]
        # Numbered first, so a link to a later page points at it instead of copying it twice.
        for page, number in zip(pages, numbers, strict=True):
            if page.indirect_reference is not None:
                self.numbers[_key(page.indirect_reference)] = number
        for page, number in zip(pages, numbers, strict=True):
            self.pdf.pages.append(number)
            self.pdf.start_object(number)
            self.write_dict(page, setting=("/Parent", b"%d 0 R" % _PAGE_TREE))
            self.pdf.out.write(b"\nendobj\n")
            self.flush()

    def flush(self) -> None:
        while self.pending:
            reference = self.pending.popleft()
            self.pdf.start_object(self.numbers[_key(reference)])
            self.write_value(reference.get_object())
            self.pdf.out.write(b"\nendobj\n")

    def number(self, reference: IndirectObject) -> int:
        key = _key(reference)
        if key not in self.numbers:
            target = reference.get_object()
            # The chunk's own page tree is replaced by the merged file's.
            if isinstance(target, DictionaryObject) and target.get("/Type") == "/Pages":
                self.numbers[key] = _PAGE_TREE
            else:
                self.numbers[key] = self.pdf.reserve()
                self.pending.append(reference)
        return self.numbers[key]

    def write_value(self, value: PdfObject | None) -> None:
        out = self.pdf.out
        if value is None:
            out.write(b"null")
        elif isinstance(value, IndirectObject):
            out.write(b"%d 0 R" % self.number(value))
        elif isinstance(value, StreamObject):
            # The raw bytes go out as read: still compressed, never decoded here.
            self.write_dict(value, setting=("/Length", b"%d" % len(value._data)))
            out.write(b"\nstream\n")
            out.write(value._data)
            out.write(b"\nendstream")
        elif isinstance(value, DictionaryObject):
            self.write_dict(value)
        elif isinstance(value, NameObject):
            out.write(_name(value))
        elif isinstance(value, ArrayObject):
            out.write(b"[")
            for item in value:
                self.write_value(item)
                out.write(b" ")
            out.write(b"]")
        else:
            value.write_to_stream(out)

    def write_dict(
        self, value: DictionaryObject, *, setting: tuple[str, bytes] | None = None
    ) -> None:
        """The dictionary, with one entry set to new raw bytes where `setting` names it."""
        out = self.pdf.out
        out.write(b"<<")
        for key, item in value.items():
            if setting is not None and key == setting[0]:
                continue
            out.write(_name(key))
            out.write(b" ")
            self.write_value(item)
            out.write(b"\n")
        if setting is not None:
            out.write(b"%s %s" % (setting[0].encode(), setting[1]))
        out.write(b">>")


@lru_cache(maxsize=4096)
def _name(name: NameObject) -> bytes:
    # Escaping a name costs more than the rest of its copy, and the same few recur on every page.
    encoded = BytesIO()
    name.write_to_stream(encoded)
    return encoded.getvalue()


def _key(reference: IndirectObject) -> tuple[int, int]:
    return reference.idnum, reference.generation
