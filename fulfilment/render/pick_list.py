"""The pick list: batch totals in shelf order, then what to pull for each packet."""

import re
from collections.abc import Mapping, Sequence
from io import BytesIO

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from fulfilment.render.fonts import LATIN, LATIN_BOLD, markup
from fulfilment.render.packet import Enclosure, PacketData
from fulfilment.render.paragraphs import paragraph
from fulfilment.render.stationery import envelope, paper, pick_list_layout

_DIGITS = re.compile(r"(\d+)")
_GRID = Color(0.75, 0.75, 0.75)
_HEADER = ("Shelf", "Code", "Title", "Qty")


def shelf_order(shelf: str) -> tuple[object, ...]:
    """Sort key reading shelf numbers as numbers (A-2 before A-10); no shelf goes last."""
    parts = _DIGITS.split(shelf.upper())
    return (not shelf, *((int(part), "") if part.isdigit() else (-1, part) for part in parts))


def batch_totals(packets: Sequence[PacketData]) -> list[tuple[Enclosure, int]]:
    """Each enclosed literature item with the quantity the batch needs, in shelf order."""
    totals: dict[str, tuple[Enclosure, int]] = {}
    for packet in packets:
        for item in packet.enclosed:
            known, count = totals.get(item.code, (item, 0))
            totals[item.code] = (known, count + item.quantity)
    return sorted(totals.values(), key=lambda entry: (shelf_order(entry[0].shelf), entry[0].code))


def _table(rows: list[tuple[Enclosure, int]], cell: ParagraphStyle, width: float) -> Table:
    data = [[paragraph(f"<b>{name}</b>", cell) for name in _HEADER]]
    data += [
        [
            paragraph(markup(item.shelf or "\u2014"), cell),
            paragraph(markup(item.code), cell),
            paragraph(markup(item.title), cell),
            paragraph(str(quantity), cell),
        ]
        for item, quantity in rows
    ]
    table = Table(
        data, colWidths=[width * 0.14, width * 0.2, width * 0.56, width * 0.1], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def render_pick_list(
    packets: Sequence[PacketData],
    *,
    batch: str,
    paper_code: str = "a4",
    from_reserve: Mapping[str, int] | None = None,
) -> bytes:
    """Totals per literature item in shelf order for the batch, then each packet's items.

    `from_reserve` (item code -> copies) are the copies reserved in the cartons: the list
    opens with them, to bring to their shelves before the walk.
    """
    margin, text = pick_list_layout()
    page = paper(paper_code)
    width = page.width - 2 * margin
    cell = ParagraphStyle(
        "cell", fontName=LATIN, fontSize=text.font_size, leading=text.font_size * text.leading
    )
    heading = ParagraphStyle(
        "heading",
        parent=cell,
        fontName=LATIN_BOLD,
        fontSize=text.font_size * 1.3,
        leading=text.font_size * 1.8,
        spaceBefore=text.font_size,
    )
    totals = batch_totals(packets)
    story: list[Flowable] = []
    drawn = from_reserve or {}
    refill = [(item, drawn[item.code]) for item, _ in totals if item.code in drawn]
    if refill:
        story += [
            paragraph("First bring from the reserve cartons to the shelf", heading),
            _table(refill, cell, width),
        ]
    story += [
        paragraph(
            f"Pick list, batch {markup(batch)}: {len(packets)} packets, totals in shelf order",
            heading,
        ),
        _table(totals, cell, width),
    ]
    for packet in packets:
        items = sorted(packet.enclosed, key=lambda item: (shelf_order(item.shelf), item.code))
        stock = envelope(packet.envelope).name
        title = (
            f"{markup(packet.number)} \u00b7 {markup(packet.recipient.name)} \u00b7 {markup(stock)}"
        )
        story.append(
            KeepTogether(
                [
                    paragraph(title, heading),
                    _table([(item, item.quantity) for item in items], cell, width),
                    Spacer(0, text.font_size / 2),
                ]
            )
        )
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=(page.width, page.height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"Pick list {batch}",
    )
    document.build(story)
    return buffer.getvalue()
