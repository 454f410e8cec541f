"""The manifest as a PDF: totals by postage class and country, then each class's packets."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from fulfilment.render.fonts import LATIN, LATIN_BOLD, font_for, markup, one_line
from fulfilment.render.grid import draw_grid
from fulfilment.render.packet import ManifestLine
from fulfilment.render.parts import PartedCanvas
from fulfilment.render.reuse import draw_reused
from fulfilment.render.stationery import Paper, envelope, envelope_codes, paper, pick_list_layout

_SHADE = Color(0.92, 0.92, 0.92)
_PADDING = 3.0
_PACKET_HEADER = ("Number", "Name", "Company", "Country", "Envelope", "Weight")
_PACKET_SHARES = (0.17, 0.25, 0.3, 0.08, 0.1, 0.1)
_NUMERIC = 5
# The manifest's geometry, as ReportLab's page frame and tables would place it: the frame's
# padding inside the margin, the slack a page bottom allows, and the leading a table cell
# centres its line on (tests/integration/batch_assemble/test_manifest_pdf.py).
_INSET = 6.0
_FUZZ = 1e-6
_CELL_LEADING = 12.0
# Cells kept worked out per column, for the values that recur: countries, envelopes, weights.
_KNOWN_CELLS = 2_000

# A cell as drawn: the font that prints it, where on the page its line starts (as written in
# the page's operators) and its show-text operator.
Cell = tuple[str, str, str]


@dataclass(frozen=True)
class Totals:
    """How many packets and how many grams."""

    packets: int
    weight_g: int


@dataclass(frozen=True)
class ManifestSummary:
    """The totals the manifest opens with: all packets, per postage class, per country."""

    grand: Totals
    classes: dict[str, Totals]
    countries: dict[str, Totals]


class _Face:
    """A font at the table's size: text widths and show-text operators from its metrics, a
    few microseconds a cell where the canvas's text calls cost several times that."""

    def __init__(self, name: str, size: float) -> None:
        self.name = name
        self.size = size
        self.font = getFont(name)
        self.latin = name in (LATIN, LATIN_BOLD)

    def typeset(self, text: str) -> tuple[float, str]:
        """The width of `text` and what a text object's textLine writes for it."""
        if not self.latin:
            shown = f"({self.font.formatForPdf(text)}) Tj T*" if text else "T*"
            return stringWidth(text, self.name, self.size), shown
        # Helvetica's encoding is ASCII's for ASCII (one_line has taken out its controls), and
        # Python's own codec is many times faster than the font's.
        encoded = text.encode("ascii" if text.isascii() else self.font.encName)
        # The sum stringWidth takes, in its order: a cut falls where stringWidth puts it.
        width = sum(map(self.font.widths.__getitem__, encoded)) * 0.001 * self.size
        return width, f"({escapePDF(encoded)}) Tj T*" if text else "T*"


class _Columns:
    """A table's columns: their widths, which are right-aligned, and recurring cells worked
    out once."""

    def __init__(self, x: float, widths: Sequence[float], *, size: float, numeric: int) -> None:
        self.x = x
        self.widths = list(widths)
        self.size = size
        self.numeric = numeric
        self.lefts = [0.0]
        for width in self.widths:
            self.lefts.append(self.lefts[-1] + width)
        self.starts = [fp_str(x + left + _PADDING) for left in self.lefts[:numeric]]
        self.faces: dict[str, _Face] = {}
        self.known: list[dict[str, Cell]] = [{} for _ in self.widths]
        self.known_bold: list[dict[str, Cell]] = [{} for _ in self.widths]

    def cells(self, values: Sequence[str], bold: bool = False) -> list[Cell]:
        row: list[Cell] = []
        for column, value in enumerate(values):
            known = (self.known_bold if bold else self.known)[column]
            cell = known.get(value)
            if cell is None:
                # Numbers and names rarely recur: the memory a batch's cells take stays bounded.
                if len(known) >= _KNOWN_CELLS:
                    known.clear()
                cell = known[value] = self._cell(value, column, bold)
            row.append(cell)
        return row

    def _cell(self, value: str, column: int, bold: bool) -> Cell:
        name = font_for(value, bold=bold)
        face = self.faces.get(name)
        if face is None:
            face = self.faces[name] = _Face(name, self.size)
        room = self.widths[column] - 2 * _PADDING
        text = one_line(value)
        width, shown = face.typeset(text)
        if width > room:
            width, shown = face.typeset(_cut(text, name, self.size, room))
        if column < self.numeric:
            return name, self.starts[column], shown
        return name, fp_str(self.x + self.lefts[column + 1] - _PADDING - width), shown


class _Manifest:
    """The pages as they fill: where the next heading or table goes.

    The pages go onto a `PartedCanvas`, so they come out a part at a time.
    """

    def __init__(
        self, page: Paper, *, margin: float, size: float, footer: str, part_pages: int
    ) -> None:
        self.document = PartedCanvas(page, title=footer, part_pages=part_pages)
        self.page = page
        self.margin = margin
        self.size = size
        self.footer = footer
        self.row = size * 1.6
        self.x = margin + _INSET
        self.width = page.width - 2 * margin
        self.top = page.height - margin - _INSET
        self.bottom = margin + _INSET
        self.title = ParagraphStyle(
            "title", fontName=LATIN_BOLD, fontSize=size * 1.5, leading=size * 2
        )
        self.body = ParagraphStyle("body", fontName=LATIN, fontSize=size, leading=size * 1.4)
        self.heading = ParagraphStyle(
            "heading", parent=self.title, fontSize=size * 1.2, spaceBefore=size * 1.5
        )
        self.number = 0
        self.start_page()

    @property
    def canvas(self) -> Canvas:
        return self.document.canvas

    def start_page(self) -> None:
        self.number += 1
        self.y = self.top
        canvas = self.canvas
        canvas.setFont(LATIN, self.size * 0.8)
        canvas.drawRightString(
            self.page.width - self.margin,
            self.margin / 2,
            f"{self.footer} \u00b7 page {self.number}",
        )

    def new_page(self) -> None:
        self.document.new_page()
        self.start_page()

    def columns(self, shares: Sequence[float], *, numeric: int) -> _Columns:
        widths = [self.width * share for share in shares]
        return _Columns(self.x, widths, size=self.size, numeric=numeric)

    def paragraph(self, text: str, style: ParagraphStyle) -> Paragraph:
        """Headings are few: they break and draw as the paragraphs they always were."""
        found = Paragraph(text, style)
        found.wrap(self.width - 2 * _INSET, self.top - self.bottom)
        return found

    def space_before(self, paragraph: Paragraph) -> float:
        return 0.0 if self.y == self.top else float(paragraph.style.spaceBefore)

    def place(self, paragraph: Paragraph) -> None:
        self.y -= self.space_before(paragraph) + paragraph.height
        paragraph.drawOn(self.canvas, self.x, self.y)

    def place_heading(self, paragraph: Paragraph, table: float) -> None:
        """A heading kept with its table: on a new page when the two do not fit here."""
        below = self.y - self.bottom - self.space_before(paragraph)
        if self.y != self.top and paragraph.height + table > below:
            self.new_page()
        self.place(paragraph)

    def summary(self, title: str, what: str, totals: dict[str, Totals], grand: Totals) -> None:
        """A totals table under its heading, run on over pages without its header again."""
        columns = self.columns([0.6, 0.2, 0.2], numeric=1)
        rows = [columns.cells([what, "Packets", "Weight"], bold=True)]
        rows += [
            columns.cells([name, f"{t.packets:,}", f"{t.weight_g:,} g"])
            for name, t in totals.items()
        ]
        rows.append(
            columns.cells(["Total", f"{grand.packets:,}", f"{grand.weight_g:,} g"], bold=True)
        )
        self.place_heading(self.paragraph(title, self.heading), len(rows) * self.row)
        shaded = True
        while rows:
            if self.y - len(rows) * self.row >= self.bottom - _FUZZ:
                fitting = len(rows)
            else:
                fitting, used = 0, 0.0
                while fitting < len(rows) and used + self.row <= self.y - self.bottom:
                    fitting, used = fitting + 1, used + self.row
            if fitting == 0:
                self.new_page()
                continue
            self.draw_rows(columns, rows[:fitting], shaded=shaded)
            rows, shaded = rows[fitting:], False

    def packets(
        self, title: str, lines: Iterable[ManifestLine], count: int, columns: _Columns
    ) -> Iterator[bytes]:
        """A class's `count` packets under its heading, the header again on each page they
        run onto; the lines are read once, in order. Yields each part as it is finished."""
        header = columns.cells(_PACKET_HEADER, bold=True)
        self.place_heading(self.paragraph(title, self.heading), (count + 1) * self.row)
        remaining = iter(lines)
        left = count
        while left > 0:
            if self.y - (left + 1) * self.row >= self.bottom - _FUZZ:
                fitting = left
            else:
                fitting = int((self.y - self.bottom) // self.row) - 1
                if fitting < 1:
                    self.new_page()
                    continue
            rows = [header]
            rows += [
                columns.cells(
                    [
                        line.number,
                        line.name,
                        line.company,
                        line.country,
                        _envelope_name(line.envelope),
                        f"{line.weight_g:,} g",
                    ]
                )
                for line in islice(remaining, fitting)
            ]
            self.draw_rows(columns, rows, shaded=True)
            left -= fitting
            yield from self.document.take()

    def draw_rows(self, columns: _Columns, rows: Sequence[Sequence[Cell]], *, shaded: bool) -> None:
        """Rows of cells from here down, the first shaded as a header, with the grid."""
        canvas, x, top, row = self.canvas, self.x, self.y, self.row
        if shaded:
            canvas.saveState()
            canvas.setFillColor(_SHADE)
            canvas.rect(x, top, columns.lefts[-1], -row, stroke=0, fill=1)
            canvas.restoreState()
        # Each cell's line centred in its row as a table cell centres it.
        baseline = top - row + (row + _CELL_LEADING) / 2 - self.size
        bottom = top
        # Cells written as the operators their text objects would write, a block per run of
        # cells in one font: the canvas sets the font between blocks, as text state outlives ET.
        block: list[str] = []
        font = ""
        for cells in rows:
            y = fp_str(baseline)
            for cell_font, left, shown in cells:
                if cell_font != font:
                    if block:
                        canvas.addLiteral(f"BT {' '.join(block)} ET")
                        block = []
                    font = cell_font
                    canvas.setFont(font, self.size)
                block.append(f"1 0 0 1 {left} {y} Tm {shown}")
            baseline -= row
            bottom -= row
        canvas.addLiteral(f"BT {' '.join(block)} ET")
        heights = [row] * len(rows)
        # Every full page of a class has the same rules.
        draw_reused(
            canvas,
            ("manifest grid", x, top, tuple(columns.widths), len(rows)),
            lambda drawn: draw_grid(
                drawn, x, top, widths=columns.widths, heights=heights, width=columns.lefts[-1]
            ),
        )
        self.y = bottom


def render_manifest(
    summary: ManifestSummary,
    lines_of: Callable[[str], Iterable[ManifestLine]],
    *,
    batch_date: date,
    company_name: str,
    paper_code: str = "a4",
    part_pages: int = 500,
) -> Iterator[bytes]:
    """Totals per postage class and per country, grand totals, then the packets class by class.

    `lines_of(postage_class)` gives a class's packets in order, read once, so they can
    stream from the database. The manifest comes as consecutive PDFs of about `part_pages`
    pages, each cut where a page ends, so joined in order they are the one manifest.
    """
    margin, text = pick_list_layout()
    footer = f"Manifest {batch_date:%Y-%m-%d}"
    sheet = _Manifest(
        paper(paper_code), margin=margin, size=text.font_size, footer=footer, part_pages=part_pages
    )
    grand = summary.grand
    sheet.place(
        sheet.paragraph(
            f"Mailing manifest {batch_date:%Y-%m-%d} \u00b7 {markup(company_name)}", sheet.title
        )
    )
    sheet.place(sheet.paragraph(f"{_count(grand)} in all", sheet.body))
    sheet.summary("Packets by postage class", "Postage class", summary.classes, grand)
    sheet.summary("Packets by country", "Country", summary.countries, grand)
    columns = sheet.columns(_PACKET_SHARES, numeric=_NUMERIC)
    for name, totals in summary.classes.items():
        # Each class goes to its own carrier tray, so each starts its own page.
        sheet.new_page()
        yield from sheet.document.take()
        yield from sheet.packets(
            f"{markup(name)}: {_count(totals)}", lines_of(name), totals.packets, columns
        )
    yield from sheet.document.finish()


def _count(totals: Totals) -> str:
    noun = "packet" if totals.packets == 1 else "packets"
    return f"{totals.packets:,} {noun}, {totals.weight_g:,} g"


def _cut(text: str, font: str, size: float, width: float) -> str:
    """Text too wide for `width`, cut short with an ellipsis to fit."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "\u2026", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "\u2026"


def _envelope_name(code: str) -> str:
    return envelope(code).name if code.lower() in envelope_codes() else code
