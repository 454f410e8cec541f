"""Reads one uploaded PDF in a child process under a memory cap and prints its facts as JSON.

Run as `python -m inventory.pdfprobe FILE MEMORY_BYTES`. It prints {"pages", "paper_size"} or
{"refused": reason}; the parent turns a refusal, a crash or a timeout into one clear line.
"""

import json
import resource
import sys
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

MAX_INFLATED_BYTES = 300_000_000
PAPER_SIZES = {
    "Letter": (612, 792),
    "Legal": (612, 1008),
    "Tabloid": (792, 1224),
    "Executive": (522, 756),
    "A3": (842, 1191),
    "A4": (595, 842),
    "A5": (420, 595),
}
SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP or Office document",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}


class Refused(Exception):
    """The file is not a PDF we will accept; the message ends the sentence 'FILE ...'."""


def inspect(path: Path) -> dict[str, Any]:
    """Every check an upload must pass; returns its page count and paper size."""
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, path.stat().st_size - 2048))
        tail = handle.read()
    if b"%PDF-" not in head:
        kind = next((name for sig, name in SIGNATURES.items() if head.startswith(sig)), None)
        raise Refused(f"is not a PDF{f' (it is {kind})' if kind else ''}")
    if b"%%EOF" not in tail:
        raise Refused("is truncated (its end is missing); upload the complete file")
    reader = PdfReader(path)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise Refused("is encrypted with a password; upload a copy without a password")
    pages = _count_pages(reader)
    if pages == 0:
        raise Refused("has no pages")
    _inflate_every_stream(reader)
    box = reader.pages[0].mediabox
    return {"pages": pages, "paper_size": paper_size(float(box.width), float(box.height))}


def paper_size(width: float, height: float) -> str:
    """A paper name for a page size in points, either way round; else its size in mm."""
    short, long_ = sorted((abs(width), abs(height)))
    for name, (w, h) in PAPER_SIZES.items():
        if abs(short - w) <= 3 and abs(long_ - h) <= 3:
            return name
    return f"{round(short * 25.4 / 72)}x{round(long_ * 25.4 / 72)} mm"


def _count_pages(reader: PdfReader) -> int:
    """Walk the page tree by hand, so a loop in it is named as such rather than guessed at."""
    start = reader.root_object.get("/Pages")
    if not isinstance(start, IndirectObject):
        raise Refused("has no page tree; it is damaged")
    seen: set[tuple[int, int]] = set()
    pages, stack = 0, [start]
    while stack:
        ref = stack.pop()
        if isinstance(ref, IndirectObject):
            if (ref.idnum, ref.generation) in seen:
                raise Refused("has a page tree that loops back on itself; it is damaged")
            seen.add((ref.idnum, ref.generation))
        node = ref.get_object()
        if not isinstance(node, DictionaryObject):
            raise Refused("has a broken page tree; it is damaged")
        kids = node.get("/Kids")
        if kids is None:
            pages += 1
            continue
        kids = kids.get_object()
        if not isinstance(kids, ArrayObject):
            raise Refused("has a broken page tree; it is damaged")
        stack.extend(reversed(kids))
    return pages


def _inflate_every_stream(reader: PdfReader) -> None:
    """Decompress every stream once, so a decompression bomb is found here, not at the printer."""
    total = 0
    for generation, numbers in reader.xref.items():
        for number in numbers:
            obj = IndirectObject(number, generation, reader).get_object()
            if isinstance(obj, StreamObject):
                total += len(obj.get_data())
                if total > MAX_INFLATED_BYTES:
                    raise LimitReachedError("inflated content over the limit")


def main(argv: list[str]) -> int:
    path, memory = Path(argv[1]), int(argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        result: dict[str, Any] = inspect(path)
    except Refused as refused:
        result = {"refused": str(refused)}
    except (LimitReachedError, MemoryError):
        result = {
            "refused": "inflates to far more data than a brochure holds (a decompression bomb)"
        }
    except RecursionError:
        result = {"refused": "is nested too deeply to read; it is damaged"}
    except ImportError:
        # pypdf loads some modules only when a file needs them; one that cannot be loaded
        # is the installation's fault or the memory cap's, never the file's, so the parent
        # reports this crash by its last line instead of calling the file damaged.
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile file can break the parser anywhere
        result = {"refused": f"is damaged and cannot be read ({type(exc).__name__})"}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
