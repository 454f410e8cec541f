"""The manifest as a PDF: totals by postage class and country, then each class's packets."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate

from fulfilment.batch.outputs import ManifestLine
from fulfilment.render.fonts import LATIN, LATIN_BOLD, font_for, markup, one_line
from fulfilment.render.stationery import envelope, envelope_codes, paper, pick_list_layout

_GRID = Color(0.75, 0.75, 0.75)
_SHADE = Color(0.92, 0.92, 0.92)
_PADDING = 3.0
_PACKET_HEADER = ("Number", "Name", "Company", "Country", "Envelope", "Weight")
_PACKET_SHARES = (0.17, 0.25, 0.3, 0.08, 0.1, 0.1)
_NUMERIC = 5


@dataclass(frozen=True)
class Totals:
    """How many packets and how many grams."""

    packets: int
    weight_g: int


def totals_by(
    lines: Sequence[ManifestLine], key: Callable[[ManifestLine], str]
) -> dict[str, Totals]:
    """Packets and weight per value of `key`, in that value's order."""
    found: dict[str, Totals] = {}
    for line in lines:
        before = found.get(key(line), Totals(0, 0))
        found[key(line)] = Totals(before.packets + 1, before.weight_g + line.weight_g)
    return dict(sorted(found.items()))


def render_manifest(
    lines: Sequence[ManifestLine], *, batch_date: date, company_name: str, paper_code: str = "a4"
) -> bytes:
    """Totals per postage class and per country, grand totals, then the packets class by class."""
    margin, text = pick_list_layout()
    page = paper(paper_code)
    width = page.width - 2 * margin
    size, row = text.font_size, text.font_size * 1.6
    title = ParagraphStyle("title", fontName=LATIN_BOLD, fontSize=size * 1.5, leading=size * 2)
    body = ParagraphStyle("body", fontName=LATIN, fontSize=size, leading=size * 1.4)
    heading = ParagraphStyle(
        "heading", parent=title, fontSize=size * 1.2, spaceBefore=size * 1.5, keepWithNext=1
    )
    grand = Totals(len(lines), sum(line.weight_g for line in lines))
    classes = totals_by(lines, lambda line: line.postage_class)
    story: list[Flowable] = [
        Paragraph(f"Mailing manifest {batch_date:%Y-%m-%d} \u00b7 {markup(company_name)}", title),
        Paragraph(f"{_count(grand)} in all", body),
        Paragraph("Packets by postage class", heading),
        _summary("Postage class", classes, grand, width=width, size=size, row=row),
        Paragraph("Packets by country", heading),
        _summary(
            "Country",
            totals_by(lines, lambda line: line.country),
            grand,
            width=width,
            size=size,
            row=row,
        ),
    ]
    for name, totals in classes.items():
        # Each class goes to its own carrier tray, so each starts its own page.
        story.append(PageBreak())
        story.append(Paragraph(f"{markup(name)}: {_count(totals)}", heading))
        members = [line for line in lines if line.postage_class == name]
        story.append(_PacketRows(members, 0, width=width, size=size, row=row))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=(page.width, page.height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"Manifest {batch_date:%Y-%m-%d}",
    )
    footer = f"Manifest {batch_date:%Y-%m-%d}"

    def number_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.setFont(LATIN, size * 0.8)
        canvas.drawRightString(page.width - margin, margin / 2, f"{footer} \u00b7 page {doc.page}")

    document.build(story, onFirstPage=number_page, onLaterPages=number_page)
    return buffer.getvalue()


def _count(totals: Totals) -> str:
    noun = "packet" if totals.packets == 1 else "packets"
    return f"{totals.packets:,} {noun}, {totals.weight_g:,} g"


def _summary(
    what: str, totals: dict[str, Totals], grand: Totals, *, width: float, size: float, row: float
) -> Table:
    rows = [[what, "Packets", "Weight"]]
    rows += [[name, f"{t.packets:,}", f"{t.weight_g:,} g"] for name, t in totals.items()]
    rows.append(["Total", f"{grand.packets:,}", f"{grand.weight_g:,} g"])
    table = _table(rows, [width * 0.6, width * 0.2, width * 0.2], size=size, row=row, numeric=1)
    table.setStyle(TableStyle([("FONTNAME", (0, -1), (-1, -1), LATIN_BOLD)]))
    return table


def _table(
    rows: list[list[str]], widths: list[float], *, size: float, row: float, numeric: int
) -> Table:
    """Plain-string cells, drawn as given (never parsed as markup), cut to fit their column;
    columns from `numeric` on are right-aligned."""
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
        ("FONTNAME", (0, 0), (-1, -1), LATIN),
        ("FONTNAME", (0, 0), (-1, 0), LATIN_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (numeric, 0), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    cells = []
    for y, values in enumerate(rows):
        line = []
        for x, value in enumerate(values):
            font = font_for(value, bold=y == 0)
            if font not in (LATIN, LATIN_BOLD):
                style.append(("FONTNAME", (x, y), (x, y), font))
            line.append(_fit(one_line(value), font, size, widths[x] - 2 * _PADDING))
        cells.append(line)
    return Table(cells, colWidths=widths, rowHeights=row, style=TableStyle(style), hAlign="LEFT")


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text, cut short with an ellipsis if it is wider than `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "\u2026", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "\u2026"


class _PacketRows(Flowable):
    """A class's packet rows laid out a page at a time, so a long batch never holds every
    row's table at once."""

    def __init__(
        self, lines: Sequence[ManifestLine], start: int, *, width: float, size: float, row: float
    ) -> None:
        super().__init__()
        self.lines, self.start = lines, start
        self.size, self.row = size, row
        self.widths = [width * share for share in _PACKET_SHARES]
        self.width = width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = (len(self.lines) - self.start + 1) * self.row
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fit = int(available_height // self.row) - 1
        if fit < 1:
            return []
        rest = _PacketRows(
            self.lines, self.start + fit, width=self.width, size=self.size, row=self.row
        )
        return [self._table(self.start + fit), rest]

    def draw(self) -> None:
        table = self._table(len(self.lines))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)

    def _table(self, end: int) -> Table:
        rows = [list(_PACKET_HEADER)]
        rows += [
            [
                line.number,
                line.name,
                line.company,
                line.country,
                _envelope_name(line.envelope),
                f"{line.weight_g:,} g",
            ]
            for line in self.lines[self.start : end]
        ]
        return _table(rows, self.widths, size=self.size, row=self.row, numeric=_NUMERIC)


def _envelope_name(code: str) -> str:
    return envelope(code).name if code.lower() in envelope_codes() else code
