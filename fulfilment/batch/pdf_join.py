"""Merging render chunks into one PDF per printer feed: parts prepared in parallel, joined in order.

A render worker reads its chunk's PDF with pypdf and writes it as a part: every object copied
and numbered from zero, each object number and reference padded to a fixed width, and where
each sits recorded. Joining the parts is then copying bytes and rewriting those numbers, so the
machine running the batch does no PDF parsing and holds one part at a time, however long the batch.
"""

import struct
from array import array
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
from fulfilment.compat import raw_stream
from fulfilment.errors import LitcenterError

_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
_CATALOG, _PAGE_TREE = 1, 2
_BATCH = 4096
_PART_MAGIC = b"litcenter part 1\n"
_COUNTS = struct.Struct("<4Q")
# Object numbers and references in a part are padded with spaces to this width (any run of
# blanks may part two PDF tokens), so rewriting one keeps every offset where it was.
_WIDTH = 10
_NUMBER = b"%-" + str(_WIDTH).encode() + b"d"


@dataclass(frozen=True)
class _Part:
    """A prepared chunk: its objects' bytes and where their numbers sit in them."""

    offsets: "array[int]"  # each object's start in body
    pages: "array[int]"  # the page objects' local numbers, in order
    numbers: "array[int]"  # pairs: position in body, local number
    body: bytes


def prepare_part(pdf: bytes, *, name: str) -> bytes:
    """A rendered chunk's PDF as a part ready to join; `name` says which chunk in an error."""
    try:
        reader = PdfReader(BytesIO(pdf))
        writer = _PartWriter()
        writer.copy(reader)
    except (PyPdfError, ValueError) as exc:
        raise LitcenterError(
            f"chunk {name} cannot be read ({exc}); delete it and run the batch again"
        ) from exc
    return writer.part()


def merge_parts(parts: Sequence[Path], target: Path) -> int:
    """Join the prepared parts into one PDF at `target`, in the order given; returns its pages."""
    if not parts:
        raise ValueError("no chunk files to merge")
    missing = [str(part) for part in parts if not part.is_file()]
    if missing:
        raise LitcenterError(
            f"chunk file {missing[0]} is missing ({len(missing)} of {len(parts)}); "
            "run the batch again to render it"
        )
    with atomic_file(target) as handle:
        merged = _JoinedPdf(handle)
        for path in parts:
            merged.append(_parse_part(path.read_bytes(), source=f"chunk file {path}"))
        merged.finish()
    return len(merged.pages)


def join_pdfs(pdfs: Iterable[bytes], target: Path, *, title: str) -> int:
    """Join consecutive PDFs into one at `target` as they come; returns its pages.

    For a document rendered a part at a time in this process: one part is held at a time.
    """
    with atomic_file(target) as handle:
        merged = _JoinedPdf(handle)
        for index, pdf in enumerate(pdfs):
            name = f"{target.name} part {index + 1}"
            merged.append(_parse_part(prepare_part(pdf, name=name), source=name))
        merged.finish(title=title)
    return len(merged.pages)


def _parse_part(data: bytes, *, source: str) -> _Part:
    try:
        if not data.startswith(_PART_MAGIC):
            raise ValueError("not a prepared chunk")
        start = len(_PART_MAGIC)
        objects, pages, numbers, body = _COUNTS.unpack_from(data, start)
        start += _COUNTS.size
        arrays = []
        for count in (objects, pages, 2 * numbers):
            values = array("Q")
            values.frombytes(data[start : start + 8 * count])
            arrays.append(values)
            start += 8 * count
        if len(data) - start != body:
            raise ValueError("cut short")
    except (ValueError, struct.error) as exc:
        raise LitcenterError(
            f"{source} cannot be read ({exc}); delete it and run the batch again"
        ) from exc
    return _Part(offsets=arrays[0], pages=arrays[1], numbers=arrays[2], body=data[start:])


class _JoinedPdf:
    """A PDF written part by part: pages under one page tree, offsets for the xref."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        # Plain machine integers: a long batch has hundreds of thousands of objects to track.
        self.offsets = array("Q", [0, 0, 0])
        self.pages = array("Q")
        out.write(_HEADER)

    def append(self, part: _Part) -> None:
        """Write the part's objects renumbered after those already written."""
        base = len(self.offsets)
        body = bytearray(part.body)
        numbers = part.numbers
        for index in range(0, len(numbers), 2):
            position = numbers[index]
            body[position : position + _WIDTH] = _NUMBER % (numbers[index + 1] + base)
        start = self.out.tell()
        self.out.write(body)
        self.offsets.extend(start + offset for offset in part.offsets)
        self.pages.extend(base + page for page in part.pages)

    def finish(self, *, title: str | None = None) -> None:
        """The page tree, catalogue, document information and cross-reference table."""
        self._start_object(_PAGE_TREE)
        self.out.write(b"<< /Type /Pages /Count %d /Kids [" % len(self.pages))
        for start in range(0, len(self.pages), _BATCH):
            self.out.write(b"".join(b"%d 0 R " % n for n in self.pages[start : start + _BATCH]))
        self.out.write(b"] >>\nendobj\n")
        self._start_object(_CATALOG)
        self.out.write(b"<< /Type /Catalog /Pages %d 0 R >>\nendobj\n" % _PAGE_TREE)
        info = b""
        if title is not None:
            self.offsets.append(0)
            number = len(self.offsets) - 1
            self._start_object(number)
            self.out.write(b"<< /Title %s >>\nendobj\n" % _text_string(title))
            info = b" /Info %d 0 R" % number
        table = self.out.tell()
        self.out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets))
        for start in range(1, len(self.offsets), _BATCH):
            entries = self.offsets[start : start + _BATCH]
            self.out.write(b"".join(b"%010d 00000 n \n" % offset for offset in entries))
        self.out.write(
            b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self.offsets), _CATALOG, info, table)
        )

    def _start_object(self, number: int) -> None:
        self.offsets[number] = self.out.tell()
        self.out.write(b"%d 0 obj\n" % number)


class _PartWriter:
    """One chunk's objects on their way into a part: its object numbers mapped to local ones."""

    def __init__(self) -> None:
        self.out = BytesIO()
        self.offsets = array("Q")
        self.pages = array("Q")
        self.positions = array("Q")
        self.local: dict[tuple[int, int], int] = {}
        self.page_trees: set[tuple[int, int]] = set()
        self.pending: deque[IndirectObject] = deque()

    def part(self) -> bytes:
        body = self.out.getvalue()
        counts = _COUNTS.pack(
            len(self.offsets), len(self.pages), len(self.positions) // 2, len(body)
        )
        return b"".join(
            (_PART_MAGIC, counts, self.offsets.tobytes(), self.pages.tobytes(),
             self.positions.tobytes(), body)
        )  # fmt: skip

    def copy(self, reader: PdfReader) -> None:
        pages = list(reader.pages)
        numbers = [self._reserve() for _ in pages]
        # Numbered first, so a link to a later page points at it instead of copying it twice.
        for page, number in zip(pages, numbers, strict=True):
            if page.indirect_reference is not None:
                self.local[_key(page.indirect_reference)] = number
        for page, number in zip(pages, numbers, strict=True):
            self.pages.append(number)
            self._start_object(number)
            self._write_dict(page, setting=("/Parent", b"%d 0 R" % _PAGE_TREE))
            self.out.write(b"\nendobj\n")
            self._flush()

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _start_object(self, number: int) -> None:
        self.offsets[number] = self.out.tell()
        self._write_number(number)
        self.out.write(b" 0 obj\n")

    def _write_number(self, number: int) -> None:
        self.positions.extend((self.out.tell(), number))
        self.out.write(_NUMBER % number)

    def _flush(self) -> None:
        while self.pending:
            reference = self.pending.popleft()
            self._start_object(self.local[_key(reference)])
            self._write_value(reference.get_object())
            self.out.write(b"\nendobj\n")

    def _reference(self, reference: IndirectObject) -> None:
        key = _key(reference)
        if key not in self.local and key not in self.page_trees:
            target = reference.get_object()
            # The chunk's own page tree is replaced by the merged file's.
            if isinstance(target, DictionaryObject) and target.get("/Type") == "/Pages":
                self.page_trees.add(key)
            else:
                self.local[key] = self._reserve()
                self.pending.append(reference)
        if key in self.page_trees:
            self.out.write(b"%d 0 R" % _PAGE_TREE)
            return
        self._write_number(self.local[key])
        self.out.write(b" 0 R")

    def _write_value(self, value: PdfObject | None) -> None:
        out = self.out
        if value is None:
            out.write(b"null")
        elif isinstance(value, IndirectObject):
            self._reference(value)
        elif isinstance(value, StreamObject):
            # The raw bytes go out as read: still compressed, never decoded here.
            data = raw_stream(value)
            self._write_dict(value, setting=("/Length", b"%d" % len(data)))
            out.write(b"\nstream\n")
            out.write(data)
            out.write(b"\nendstream")
        elif isinstance(value, DictionaryObject):
            self._write_dict(value)
        elif isinstance(value, NameObject):
            out.write(_name(value))
        elif isinstance(value, ArrayObject):
            out.write(b"[")
            for item in value:
                self._write_value(item)
                out.write(b" ")
            out.write(b"]")
        else:
            value.write_to_stream(out)

    def _write_dict(
        self, value: DictionaryObject, *, setting: tuple[str, bytes] | None = None
    ) -> None:
        """The dictionary, with one entry set to new raw bytes where `setting` names it."""
        out = self.out
        out.write(b"<<")
        for key, item in value.items():
            if setting is not None and key == setting[0]:
                continue
            out.write(_name(key))
            out.write(b" ")
            self._write_value(item)
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


def _text_string(text: str) -> bytes:
    """A PDF text string: UTF-16 with its byte-order mark, in hex, so any title is safe."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().encode() + b">"


def _key(reference: IndirectObject) -> tuple[int, int]:
    return reference.idnum, reference.generation
