"""Envelopes: return address, teaser, recipient, packet barcode and IMb, one page each."""

from collections.abc import Sequence
from io import BytesIO

from reportlab.lib.colors import HexColor, black
from reportlab.pdfgen.canvas import Canvas

from fulfilment.render.address import (
    lines_without_postcode,
    name_line,
    postal_lines,
    split_country,
)
from fulfilment.render.barcodes import draw_code128, draw_imb, imb_routing, imb_tracking_code
from fulfilment.render.fit import draw_in_box, fit_lines
from fulfilment.render.fonts import font_for
from fulfilment.render.geometry import Rect, TextStyle
from fulfilment.render.packet import PacketData
from fulfilment.render.pdfsettings import PrintCanvas
from fulfilment.render.reuse import draw_reused
from fulfilment.render.stationery import Envelope, chinese_layout, envelope

_POSTCODE_BOXES = HexColor("#c0392b")


def _teaser_lines(teaser: str, area: Rect, style: TextStyle) -> list[str]:
    """The teaser on one line, or on two when one line would shrink it much."""
    inner = area.inset(style.padding)
    one = fit_lines([teaser], inner.width, inner.height, style)
    words = teaser.split()
    if one.size >= style.font_size * 0.8 or len(words) < 2:
        return [teaser]
    middle = len(teaser) / 2
    cut = min(range(1, len(words)), key=lambda n: abs(len(" ".join(words[:n])) - middle))
    two = [" ".join(words[:cut]), " ".join(words[cut:])]
    return two if fit_lines(two, inner.width, inner.height, style).size > one.size else [teaser]


# Return address and teaser are the same on every envelope of a stock, sender and language:
# fitted and drawn once per document, then repeated.
def _draw_teaser(canvas: Canvas, teaser: str, area: Rect, style: TextStyle) -> None:
    if teaser:
        draw_reused(
            canvas,
            ("teaser", teaser, area, style),
            lambda canvas: draw_in_box(canvas, _teaser_lines(teaser, area, style), area, style),
        )


def _draw_return_address(canvas: Canvas, packet: PacketData, area: Rect, style: TextStyle) -> None:
    lines = packet.company.return_address
    draw_reused(
        canvas,
        ("return address", lines, area, style),
        lambda canvas: draw_in_box(canvas, list(lines), area, style),
    )


def _draw_imb(canvas: Canvas, packet: PacketData, area: Rect) -> None:
    mailer_id = packet.company.usps_mailer_id
    routing = imb_routing(packet.recipient.postcode)
    if mailer_id and routing and packet.recipient.country.upper() == "US":
        draw_imb(canvas, imb_tracking_code(mailer_id, packet.number, packet.date), routing, area)


def _draw_western(canvas: Canvas, packet: PacketData, stock: Envelope) -> None:
    boxes = stock.boxes
    _draw_return_address(
        canvas, packet, stock.area("return_address"), boxes["return_address"].style
    )
    _draw_teaser(
        canvas, packet.company.teaser(packet.language), stock.area("teaser"), boxes["teaser"].style
    )
    draw_code128(canvas, packet.number, stock.area("barcode"), boxes["barcode"].style.font_size)
    # On windowed stock the letter's address shows through: print nothing over the window.
    window = stock.window if stock.windowed else None
    imb = stock.area("imb")
    if window is None or not window.intersects(imb):
        _draw_imb(canvas, packet, imb)
    if window is None:
        draw_in_box(
            canvas, postal_lines(packet.recipient), stock.area("address"), boxes["address"].style
        )


def _draw_postcode(
    canvas: Canvas, postcode: str, area: Rect, count: int, gap: float, style: TextStyle
) -> None:
    side = min(area.height, (area.width - gap * (count - 1)) / count)
    canvas.setStrokeColor(_POSTCODE_BOXES)
    canvas.setLineWidth(0.8)
    canvas.setFont(font_for(postcode), min(style.font_size, side * 0.8))
    digits = postcode.replace(" ", "")[:count]
    for index in range(count):
        x = area.x + index * (side + gap)
        canvas.rect(x, area.top - side, side, side, stroke=1, fill=0)
        if index < len(digits):
            canvas.drawCentredString(x + side / 2, area.top - side * 0.75, digits[index])
    canvas.setStrokeColor(black)


def _draw_chinese(canvas: Canvas, packet: PacketData, stock: Envelope) -> None:
    layout = chinese_layout()
    boxes = layout.boxes

    def area(name: str) -> Rect:
        return boxes[name].resolve(stock.width, stock.height)

    recipient = packet.recipient
    _draw_postcode(
        canvas,
        recipient.postcode,
        area("postcode"),
        layout.postcode_boxes,
        layout.postcode_gap,
        boxes["postcode"].style,
    )
    places, country = split_country(lines_without_postcode(recipient))
    draw_in_box(canvas, [*places, recipient.company], area("address"), boxes["address"].style)
    draw_in_box(
        canvas, [name_line(recipient) + layout.name_suffix], area("name"), boxes["name"].style
    )
    # As in the letter, the country comes last: under the name, where the sending post
    # looks for it, not between the street and the company.
    draw_in_box(canvas, country, area("country"), boxes["country"].style)
    _draw_teaser(
        canvas, packet.company.teaser(packet.language), area("teaser"), boxes["teaser"].style
    )
    draw_code128(canvas, packet.number, area("barcode"), boxes["barcode"].style.font_size)
    _draw_return_address(canvas, packet, area("return_address"), boxes["return_address"].style)


def draw_envelope(canvas: Canvas, packet: PacketData) -> None:
    """Draw one envelope on the current page, sized to the envelope."""
    stock = envelope(packet.envelope)
    canvas.setPageSize((stock.width, stock.height))
    if packet.recipient.country.upper() == "CN":
        _draw_chinese(canvas, packet, stock)
    else:
        _draw_western(canvas, packet, stock)


def render_envelopes(packets: Sequence[PacketData]) -> bytes:
    """One page per packet, each the size of its envelope, in one PDF."""
    if not packets:
        raise ValueError("no packets to render")
    buffer = BytesIO()
    canvas = PrintCanvas(buffer, title="Envelopes")
    for packet in packets:
        draw_envelope(canvas, packet)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
