"""The pick list: batch totals in shelf order, then what to pull for each packet."""

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from fulfilment.render.fonts import LATIN, LATIN_BOLD, font_runs, markup, one_line
from fulfilment.render.grid import draw_grid
from fulfilment.render.lru import LRU
from fulfilment.render.packet import Enclosure, PickPacket
from fulfilment.render.paragraphs import paragraph
from fulfilment.render.parts import PartedCanvas
from fulfilment.render.reuse import draw_reused
from fulfilment.render.stationery import Paper, envelope, paper, pick_list_layout

_DIGITS = re.compile(r"(\d+)")
_HEADER = ("Shelf", "Code", "Title", "Qty")
_COLUMNS = (0.14, 0.2, 0.56, 0.1)
# The list's geometry, as ReportLab's tables and page frames would place it: cell padding
# across and down, headings set in from the margin, and the slack a page bottom allows.
# The printer files' pixel comparison on the sample world holds it.
_CELL_X = 6.0
_CELL_Y = 3.0
_INSET = 6.0
_FUZZ = 1e-6
# The rows and tables a list keeps for packets that need the same items; one no longer kept
# is laid out again.
_KEPT = 4096

Row = tuple[str, str, str, str]


def shelf_order(shelf: str) -> tuple[object, ...]:
    """Sort key reading shelf numbers as numbers (A-2 before A-10); no shelf goes last."""
    parts = _DIGITS.split(shelf.upper())
    return (not shelf, *((int(part), "") if part.isdigit() else (-1, part) for part in parts))


@dataclass(frozen=True)
class PickTotals:
    """What the whole batch pulls: how many packets, and each item's copies in shelf order."""

    packets: int
    items: tuple[tuple[Enclosure, int], ...]


def pick_totals(packets: int, items: Iterable[tuple[Enclosure, int]]) -> PickTotals:
    """Copies per item code added up, each item as it first came, put in shelf order.

    The copies may be counted elsewhere first, e.g. by the database, per item as it is named.
    """
    totals: dict[str, tuple[Enclosure, int]] = {}
    for item, copies in items:
        known, count = totals.get(item.code, (item, 0))
        totals[item.code] = (known, count + copies)
    ordered = sorted(
        totals.values(), key=lambda entry: (shelf_order(entry[0].shelf), entry[0].code)
    )
    return PickTotals(packets, tuple(ordered))


def batch_totals(packets: Sequence[PickPacket]) -> PickTotals:
    """Each enclosed literature item with the quantity the batch needs, in shelf order."""
    return pick_totals(
        len(packets), ((item, item.quantity) for packet in packets for item in packet.enclosed)
    )


class _Text:
    """A cell or heading: its font runs on one line where it fits, else a wrapping paragraph."""

    def __init__(self, text: str, style: ParagraphStyle, width: float, bold: bool) -> None:
        self.size = float(style.fontSize)
        self.runs = font_runs(" ".join(one_line(text).split()), bold)
        self.flowable: Flowable | None = None
        self.height = float(style.leading)
        if sum(stringWidth(run, font, self.size) for run, font in self.runs) >= width - 0.01:
            # Rare long text breaks as the paragraphs of the letters do, character-wise in Chinese.
            body = markup(text)
            self.flowable = paragraph(f"<b>{body}</b>" if bold else body, style)
            self.height = float(self.flowable.wrap(width, 1e9)[1])

    def draw(self, canvas: Canvas, lines: PDFTextObject, x: float, top: float) -> None:
        if self.flowable is not None:
            self.flowable.drawOn(canvas, x, top - self.height)
            return
        lines.setTextOrigin(x, top - self.size)
        for run, font in self.runs:
            lines.setFont(font, self.size)
            lines.textOut(run)
        # Each cell ends its line, as a paragraph does: text extraction reads it as one line.
        lines.textLine()


class _Row:
    """A table row: its cells, as tall as the tallest with padding above and below."""

    def __init__(self, cells: Row, style: ParagraphStyle, widths: Sequence[float], bold: bool):
        self.cells = [
            _Text(cell, style, width - 2 * _CELL_X, bold)
            for cell, width in zip(cells, widths, strict=True)
        ]
        self.height = max(cell.height for cell in self.cells) + 2 * _CELL_Y


class _PickList:
    """The pages as they fill: where the next heading or table goes, and the tables drawn
    again because several packets need the same items.

    The pages go onto a `PartedCanvas`, so they come out a part at a time.
    """

    def __init__(
        self,
        page: Paper,
        margin: float,
        size: float,
        leading: float,
        *,
        title: str,
        part_pages: int,
    ):
        self.document = PartedCanvas(page, title=title, part_pages=part_pages)
        self.x = margin
        self.width = page.width - 2 * margin
        self.top = page.height - margin - _INSET
        self.bottom = margin + _INSET
        self.y = self.top
        self.widths = [self.width * share for share in _COLUMNS]
        self.cell = ParagraphStyle("cell", fontName=LATIN, fontSize=size, leading=leading)
        self.heading = ParagraphStyle(
            "heading",
            parent=self.cell,
            fontName=LATIN_BOLD,
            fontSize=size * 1.3,
            leading=size * 1.8,
            spaceBefore=size,
        )
        self.header = _Row(_HEADER, self.cell, self.widths, bold=True)
        self.rows: LRU[Row, _Row] = LRU(_KEPT)

    def row(self, cells: Row) -> _Row:
        found = self.rows.get(cells)
        if found is None:
            found = _Row(cells, self.cell, self.widths, bold=False)
            self.rows.put(cells, found)
        return found

    @property
    def canvas(self) -> Canvas:
        return self.document.canvas

    def new_page(self) -> None:
        self.document.new_page()
        self.y = self.top

    def fits(self, height: float) -> bool:
        return self.y - height >= self.bottom - _FUZZ

    def space_before(self) -> float:
        return 0.0 if self.y == self.top else float(self.heading.spaceBefore)

    def title(self, text: str) -> _Text:
        return _Text(text, self.heading, self.width - 2 * _INSET, bold=True)

    def place_title(self, title: _Text) -> None:
        if not self.fits(self.space_before() + title.height):
            self.new_page()
        self.y -= self.space_before() + title.height
        lines = self.canvas.beginText()
        title.draw(self.canvas, lines, self.x + _INSET, self.y + title.height)
        self.canvas.drawText(lines)

    def _draw_rows(self, rows: Sequence[_Row], x: float, top: float) -> float:
        """Draw header and rows with the grid from `top` down; return their height."""
        canvas = self.canvas
        lines = canvas.beginText()
        y = top
        for row in (self.header, *rows):
            left = x
            for cell, width in zip(row.cells, self.widths):
                cell.draw(canvas, lines, left + _CELL_X, y - _CELL_Y)
                left += width
            y -= row.height
        canvas.drawText(lines)
        heights = [row.height for row in (self.header, *rows)]
        draw_grid(
            canvas, x, top, widths=self.widths, heights=heights, width=self.width, one_path=True
        )
        return top - y

    def place_table(self, cells: Sequence[Row], shared: bool = False) -> None:
        """The table from here down, repeating its header on each page it runs onto."""
        rows = [self.row(row) for row in cells]
        height = self.header.height + sum(row.height for row in rows)
        if shared and self.fits(height):
            self.y -= height
            draw_reused(
                self.canvas,
                ("picks", tuple(cells)),
                lambda canvas: self._draw_rows(rows, 0, height),
                at=(self.x, self.y),
            )
            return
        while True:
            fitting, used = 0, self.header.height
            for row in rows:
                if not self.fits(used + row.height):
                    break
                fitting, used = fitting + 1, used + row.height
            if fitting == len(rows):
                self.y -= self._draw_rows(rows, self.x, self.y)
                return
            # A row that fills a whole page alone still prints, if cut at the page edge.
            if fitting == 0 and self.y == self.top:
                fitting = 1
            if fitting:
                self._draw_rows(rows[:fitting], self.x, self.y)
                rows = rows[fitting:]
            self.new_page()

    def place_group(self, title: str, cells: Sequence[Row], shared: bool, gap: float) -> None:
        """A packet's title and table together: on a new page when they do not fit here."""
        heading = self.title(title)
        table = self.header.height + sum(self.row(row).height for row in cells)
        if self.y != self.top and not self.fits(self.space_before() + heading.height + table + gap):
            self.new_page()
        self.place_title(heading)
        self.place_table(cells, shared)
        if self.fits(gap):
            self.y -= gap
        else:
            self.new_page()


def _cells(rows: Sequence[tuple[Enclosure, int]]) -> list[Row]:
    return [
        (item.shelf or "\u2014", item.code, item.title, str(quantity)) for item, quantity in rows
    ]


def render_pick_list(
    packets: Iterable[PickPacket],
    *,
    totals: PickTotals,
    batch: str,
    paper_code: str = "a4",
    from_reserve: Mapping[str, int] | None = None,
    part_pages: int = 500,
) -> Iterator[bytes]:
    """Totals per literature item in shelf order for the batch, then each packet's items.

    The list comes as consecutive PDFs of about `part_pages` pages, each cut where a page
    ends, so joined in order they are the one list; the packets are read once, in order, so
    they can stream from the database. `from_reserve` (item code -> copies) are the copies
    reserved in the cartons: the list opens with them, to bring to their shelves before the walk.
    """
    margin, text = pick_list_layout()
    picks = _PickList(
        paper(paper_code),
        margin,
        text.font_size,
        text.font_size * text.leading,
        title=f"Pick list {batch}",
        part_pages=part_pages,
    )
    drawn = from_reserve or {}
    refill = [(item, drawn[item.code]) for item, _ in totals.items if item.code in drawn]
    if refill:
        picks.place_title(picks.title("First bring from the reserve cartons to the shelf"))
        picks.place_table(_cells(refill))
    picks.place_title(
        picks.title(f"Pick list, batch {batch}: {totals.packets} packets, totals in shelf order")
    )
    picks.place_table(_cells(totals.items))
    # A table another packet had before is laid out once and its operators written again.
    seen: LRU[tuple[Row, ...], bool] = LRU(_KEPT)
    for packet in packets:
        cells = tuple(
            _cells(
                [
                    (item, item.quantity)
                    for item in sorted(
                        packet.enclosed, key=lambda item: (shelf_order(item.shelf), item.code)
                    )
                ]
            )
        )
        stock = envelope(packet.envelope).name
        picks.place_group(
            f"{packet.number} \u00b7 {packet.name} \u00b7 {stock}",
            cells,
            seen.get(cells) is not None,
            text.font_size / 2,
        )
        seen.put(cells, True)
        yield from picks.document.take()
    yield from picks.document.finish()
