"""The whole product range by family, laid out once per document and written again."""

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from fulfilment.render.columns import Columns
from fulfilment.render.fitbox import FitBox
from fulfilment.render.fonts import LATIN, LATIN_BOLD, markup
from fulfilment.render.packet import PacketData, Product
from fulfilment.render.paragraphs import paragraph
from fulfilment.render.reuse import draw_reused
from fulfilment.render.stationery import PageLayout
from fulfilment.render.texts import Texts, packet_values

Entry = tuple[str, Product | None]


def product_entry(product: Product) -> str:
    """A product as paragraph markup: bold name, code, then the description."""
    description = f" \u2014 {markup(product.description)}" if product.description else ""
    return f"<b>{markup(product.name)}</b> ({markup(product.code)}){description}"


def _entries(product_range: Sequence[Product]) -> list[Entry]:
    families: dict[str, list[Product]] = {}
    for product in sorted(product_range, key=lambda item: (item.family, item.name, item.code)):
        families.setdefault(product.family, []).append(product)
    entries: list[Entry] = []
    for family, products in families.items():
        entries.append((family, None))
        entries.extend((family, product) for product in products)
    return entries


def split_columns(entries: list[Entry], count: int) -> list[list[Entry]]:
    """Entries in `count` columns of about equal length; a family carried over is named again."""
    columns: list[list[Entry]] = []
    start = 0
    for index in range(count):
        end = round(len(entries) * (index + 1) / count)
        # A family heading never ends a column: it moves to the next with its products.
        if start < end < len(entries) and entries[end - 1][1] is None:
            end -= 1
        column = entries[start:end]
        if column and column[0][1] is not None:
            column.insert(0, (column[0][0], None))
        columns.append(column)
        start = end
    return columns


def _styles(layout: PageLayout) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    text = layout.style("catalogue_range")
    item = ParagraphStyle(
        "range-item",
        fontName=LATIN,
        fontSize=text.font_size,
        leading=text.font_size * text.leading,
        leftIndent=text.font_size,
        firstLineIndent=-text.font_size,
    )
    family = ParagraphStyle(
        "range-family",
        parent=item,
        fontName=LATIN_BOLD,
        leftIndent=0,
        firstLineIndent=0,
        spaceBefore=text.font_size * 0.6,
    )
    heading = ParagraphStyle(
        "range-heading",
        parent=family,
        fontSize=text.font_size * 1.4,
        leading=text.font_size * 1.8,
        spaceBefore=0,
    )
    return item, family, heading


def _range_box(packet: PacketData, layout: PageLayout, count: int) -> FitBox:
    item, family, heading = _styles(layout)
    texts = Texts("cross_sell", packet.language, packet_values(packet, asked=[], suggested=[]))
    cells = [
        [
            paragraph(product_entry(product), item) if product else paragraph(markup(name), family)
            for name, product in column
        ]
        for column in split_columns(_entries(packet.product_range), count)
    ]
    area = layout.area("catalogue_range")
    story: list[Flowable] = [
        paragraph(texts["range_heading"], heading),
        Columns(cells, item.fontSize),
    ]
    return FitBox(story, area.width, area.height)


def _fitted_range(packet: PacketData, layout: PageLayout) -> FitBox:
    """Two columns when the range fits in them at full size, more before anything shrinks."""
    area = layout.area("catalogue_range")
    box = _range_box(packet, layout, 2)
    for count in range(3, layout.range_columns + 1):
        box.wrap(area.width, area.height)
        if box.scale >= 1:
            break
        box = _range_box(packet, layout, count)
    return box


def draw_range(canvas: Canvas, packet: PacketData, layout: PageLayout) -> None:
    """Draw the whole range; it is laid out once per document, range, language and paper."""
    key = ("range", id(packet.product_range), packet.language, layout.paper.code)
    draw_reused(canvas, key, lambda canvas: _draw_range(canvas, packet, layout))


def _draw_range(canvas: Canvas, packet: PacketData, layout: PageLayout) -> None:
    area = layout.area("catalogue_range")
    canvas.saveState()
    frame = Frame(area.x, area.y, area.width, area.height, 0, 0, 0, 0)
    frame.addFromList([_fitted_range(packet, layout)], canvas)
    canvas.restoreState()
