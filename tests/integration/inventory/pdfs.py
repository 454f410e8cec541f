"""PDF files made inside the tests: a good brochure and every kind of hostile upload."""

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfWriter

GIGABYTE = 1 << 30


def brochure(pages: int = 2, *, width: float = 612, height: float = 792, tag: str = "") -> bytes:
    """A valid PDF; a different tag gives different bytes, i.e. a new edition."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=width, height=height)
    writer.add_metadata({"/Title": f"Brochure {tag}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png() -> bytes:
    """A real one-pixel PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def truncated() -> bytes:
    whole = brochure(pages=3)
    return whole[: len(whole) // 2]


def encrypted() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def assemble(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1..n, object 1 the catalog) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def cyclic() -> bytes:
    """A page tree whose Pages node lists itself among its kids."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
    )


def bomb(size: int = GIGABYTE) -> bytes:
    """One page whose content stream inflates to `size` bytes of zeros (about 1 MB on disk)."""
    squeeze = zlib.compressobj(9)
    block = bytes(1 << 24)
    parts = [squeeze.compress(block) for _ in range(size // len(block))]
    data = b"".join(parts) + squeeze.flush()
    stream = f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            stream + data + b"\nendstream",
        ]
    )


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty": (lambda: b"", "is empty"),
    "png": (png, "is not a PDF (it is a PNG image)"),
    "truncated": (truncated, "is truncated"),
    "encrypted": (encrypted, "is encrypted with a password"),
    "cyclic": (cyclic, "loops back on itself"),
    "bomb": (bomb, "decompression bomb"),
}


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path
