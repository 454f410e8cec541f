"""The cross-sell catalogue page: what was asked, what to add, and the whole range by family."""

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Table, TableStyle

from fulfilment.render.fitbox import FitBox
from fulfilment.render.fonts import LATIN, LATIN_BOLD, markup
from fulfilment.render.packet import PacketData, Product
from fulfilment.render.ranking import rank_suggestions
from fulfilment.render.stationery import PageLayout
from fulfilment.render.styles import paragraph, styles
from fulfilment.render.texts import Texts, packet_values

SUGGESTIONS = 4


def _entry(product: Product) -> str:
    description = f" \u2014 {markup(product.description)}" if product.description else ""
    return f"<b>{markup(product.name)}</b> ({markup(product.code)}){description}"


def cross_sell_flowables(packet: PacketData, layout: PageLayout) -> list[Flowable]:
    """The personal top of the page: the products asked about and the ranked suggestions."""
    style = styles(layout.paper.code)
    by_code = {product.code: product for product in packet.product_range}
    asked = [by_code.get(product.code, product) for product in packet.products]
    suggested = rank_suggestions(
        (product.code for product in packet.products),
        packet.product_range,
        packet.ranking,
        limit=SUGGESTIONS,
    )
    texts = Texts(
        "cross_sell", packet.language, packet_values(packet, asked=asked, suggested=suggested)
    )
    story: list[Flowable] = [paragraph(texts["title"], style.title)]
    for heading, products in (
        (texts["asked_heading"], asked),
        (texts["suggested_heading"], suggested),
    ):
        if products:
            story.append(paragraph(heading, style.heading))
            story.extend(paragraph(_entry(product), style.bullet, "\u2022") for product in products)
    story.append(paragraph(texts["footer"], style.small))
    area = layout.area("catalogue_top")
    return [FitBox(story, area.width, area.height)]


def _columns(product_range: Sequence[Product]) -> tuple[list[tuple[str, Product | None]], ...]:
    families: dict[str, list[Product]] = {}
    for product in sorted(product_range, key=lambda item: (item.family, item.name, item.code)):
        families.setdefault(product.family, []).append(product)
    entries: list[tuple[str, Product | None]] = []
    for family, products in families.items():
        entries.append((family, None))
        entries.extend((family, product) for product in products)
    split = (len(entries) + 1) // 2
    if split and entries[split - 1][1] is None:
        split -= 1
    left, right = entries[:split], entries[split:]
    if right and right[0][1] is not None:
        right.insert(0, (right[0][0], None))
    return left, right


def _range_story(packet: PacketData, layout: PageLayout) -> list[Flowable]:
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
    texts = Texts("cross_sell", packet.language, packet_values(packet, asked=[], suggested=[]))
    cells = [
        [
            paragraph(_entry(product), item) if product else paragraph(markup(name), family)
            for name, product in column
        ]
        for column in _columns(packet.product_range)
    ]
    area = layout.area("catalogue_range")
    table = Table([cells], colWidths=[area.width / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), text.font_size),
            ]
        )
    )
    return [paragraph(texts["range_heading"], heading), table]


def draw_range(
    canvas: Canvas, packet: PacketData, layout: PageLayout, forms: dict[object, str]
) -> None:
    """Place the whole range; it is laid out once per document, range, language and paper."""
    key = ("range", id(packet.product_range), packet.language, layout.paper.code)
    name = forms.get(key)
    if name is None:
        name = forms[key] = f"range{len(forms)}"
        area = layout.area("catalogue_range")
        canvas.beginForm(name)
        frame = Frame(area.x, area.y, area.width, area.height, 0, 0, 0, 0)
        frame.addFromList([FitBox(_range_story(packet, layout), area.width, area.height)], canvas)
        canvas.endForm()
    canvas.doForm(name)
