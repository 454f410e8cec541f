"""Helpers for reading rendered PDFs back: text with positions, pixels, decoded barcodes."""

import math
import shutil
import subprocess
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import cast

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject
from reportlab.pdfbase.pdfmetrics import stringWidth

from fulfilment.render.fonts import register_cjk
from fulfilment.render.geometry import Rect


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn on the page: its baseline start, size and font."""

    text: str
    x: float
    y: float
    size: float
    font: str

    @property
    def right(self) -> float:
        return self.x + float(stringWidth(self.text, self.font, self.size))

    @property
    def extent(self) -> Rect:
        """Where the glyphs can reach: ascenders above the baseline, descenders below."""
        return Rect(self.x, self.y - 0.22 * self.size, self.right - self.x, 1.12 * self.size)


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def text_runs(pdf: bytes, page: int = 0) -> list[Run]:
    """Every text run of a page with its position in page points, blank runs included."""
    register_cjk()
    runs: list[Run] = []

    def visit(
        text: str, cm: list[float], tm: list[float], font: dict[str, object] | None, size: float
    ) -> None:
        text = text.strip("\n")
        if not text or font is None:
            return
        matrix = _multiply(tm, cm)
        name = str(font["/BaseFont"]).lstrip("/")
        name = "STSong-Light" if name.startswith("STSong-Light") else name
        scale = math.hypot(matrix[0], matrix[1])
        runs.append(Run(text, matrix[4], matrix[5], size * scale, name))

    PdfReader(BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return runs


@dataclass(frozen=True)
class Line:
    """Runs on one baseline joined: a line as a reader sees it, with the area its glyphs cover."""

    text: str
    extent: Rect


def text_lines(pdf: bytes, page: int = 0) -> list[Line]:
    """Runs joined where one continues another on the same baseline, as font changes split them.

    pypdf reports a run shown after another in the same text object at the line's start,
    so a run that does not start further right is placed where the previous one ended.
    """
    lines: list[Line] = []
    previous: Run | None = None
    for run in text_runs(pdf, page):
        if previous is not None and abs(run.y - previous.y) < 0.5:
            last = lines.pop()
            start = max(run.x, last.extent.right) if run.x < last.extent.right - 1 else run.x
            extent = replace(run, x=start).extent
            left, bottom = min(last.extent.x, extent.x), min(last.extent.y, extent.y)
            top = max(last.extent.top, extent.top)
            merged = Rect(left, bottom, max(last.extent.right, extent.right) - left, top - bottom)
            lines.append(Line(last.text + run.text, merged))
            previous = replace(run, x=start)
        else:
            lines.append(Line(run.text, run.extent))
            previous = run
    return [replace(line, text=line.text.strip()) for line in lines if line.text.strip()]


def _apply(matrix: list[float], x: float, y: float) -> tuple[float, float]:
    return matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5]


def filled_rects(pdf: bytes, page: int = 0) -> list[Rect]:
    """Every rectangle the page's own content draws (`re`), in page points.

    The current transformation is followed through `q`, `Q` and `cm`, as barcodes draw
    their bars inside a moved or scaled coordinate system. Form XObjects are not entered.
    """
    reader = PdfReader(BytesIO(pdf))
    content = ContentStream(reader.pages[page].get_contents(), reader)
    matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    saved: list[list[float]] = []
    rects: list[Rect] = []
    for operands, operator in content.operations:
        if operator == b"q":
            saved.append(matrix)
        elif operator == b"Q":
            matrix = saved.pop()
        elif operator == b"cm":
            matrix = _multiply([float(value) for value in operands], matrix)
        elif operator == b"re":
            x, y, width, height = (float(value) for value in operands)
            x0, y0 = _apply(matrix, x, y)
            x1, y1 = _apply(matrix, x + width, y + height)
            rects.append(Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)))
    return rects


def page_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def forms_per_page(pdf: bytes) -> list[set[int]]:
    """For each page, the object numbers of the form XObjects it places."""
    found: list[set[int]] = []
    for page in PdfReader(BytesIO(pdf)).pages:
        resources = cast(DictionaryObject, page["/Resources"])
        forms = cast(DictionaryObject, resources.get("/XObject", DictionaryObject()))
        found.append({forms.raw_get(name).idnum for name in forms})
    return found


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils zbar-tools)")
    return path


def rasterize(pdf: bytes, folder: Path, dpi: int) -> list[Path]:
    """PNG pages of the PDF at `dpi`, made by pdftoppm."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "document.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [_need("pdftoppm"), "-r", str(dpi), "-png", str(source), str(folder / "page")], check=True
    )
    return sorted(folder.glob("page-*.png"))


def decode_barcodes(png: Path) -> list[str]:
    """The values zbarimg reads from an image."""
    # zbarimg exits 4 when it finds no barcode: the empty list says so.
    result = subprocess.run(
        [_need("zbarimg"), "--raw", "-q", str(png)], check=False, capture_output=True, text=True
    )
    return [line for line in result.stdout.splitlines() if line]


def dark_pixels(png: Path, area: Rect, page_height: float, dpi: int) -> int:
    """How many pixels inside `area` (page points) are not near white."""
    scale = dpi / 72
    image = Image.open(png).convert("L")
    box = (
        math.floor(area.x * scale),
        math.floor((page_height - area.top) * scale),
        math.ceil(area.right * scale),
        math.ceil((page_height - area.y) * scale),
    )
    return sum(image.crop(box).histogram()[:200])
