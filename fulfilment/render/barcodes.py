"""Packet barcodes drawn as vectors: Code128 from python-barcode's modules, and the USPS IMb."""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from barcode.codex import Code128
from reportlab.graphics.barcode.usps4s import USPS_4State
from reportlab.pdfgen.canvas import Canvas

from fulfilment.errors import BadInput
from fulfilment.render.fonts import LATIN
from fulfilment.render.geometry import Rect, length, read_data
from fulfilment.render.locate import locate_templates

_RUN = re.compile(r"1+")


@dataclass(frozen=True)
class Code128Rules:
    """Module sizes and quiet zone from the barcode data file."""

    quiet_modules: int
    min_module: float
    max_module: float
    text_gap: float


@cache
def code128_rules() -> Code128Rules:
    entry = read_data(locate_templates() / "labels" / "barcodes.toml")["code128"]
    return Code128Rules(
        quiet_modules=int(entry["quiet_modules"]),
        min_module=length(entry["min_module"]),
        max_module=length(entry["max_module"]),
        text_gap=length(entry["text_gap"]),
    )


@cache
def _imb_prefix() -> str:
    entry = read_data(locate_templates() / "labels" / "barcodes.toml")["imb"]
    return f"{entry['barcode_id']}{entry['service_type']}"


def code128_modules(value: str) -> str:
    """The bar pattern of `value` as '1' (bar) and '0' (space) modules, without quiet zones."""
    return str(Code128(value).build()[0])


def code128_width(value: str, module: float) -> float:
    """Width in points of the barcode with its quiet zones at a given module width."""
    return (len(code128_modules(value)) + 2 * code128_rules().quiet_modules) * module


def draw_code128(canvas: Canvas, value: str, area: Rect, text_size: float = 0.0) -> Rect:
    """Draw `value` left-aligned in `area`, quiet zones included; return the bars' extent."""
    rules = code128_rules()
    modules = code128_modules(value)
    module = min(rules.max_module, area.width / (len(modules) + 2 * rules.quiet_modules))
    if module < rules.min_module:
        raise BadInput(
            f"barcode {value!r} needs {code128_width(value, rules.min_module):.0f} pt; "
            f"its box is {area.width:.0f} pt wide; widen the box in the stationery data"
        )
    text_height = text_size + rules.text_gap if text_size else 0.0
    bar_bottom = area.y + text_height
    bar_height = area.height - text_height
    left = area.x + rules.quiet_modules * module
    # Bars in whole modules inside a scaled coordinate system: integers format fast and
    # the pattern takes a few bytes per bar instead of four decimals.
    runs = " ".join(
        f"{run.start()} 0 {run.end() - run.start()} 1 re" for run in _RUN.finditer(modules)
    )
    canvas.saveState()
    canvas.transform(module, 0, 0, bar_height, left, bar_bottom)
    canvas.addLiteral(f"{runs} f")
    canvas.restoreState()
    bars = Rect(left, bar_bottom, len(modules) * module, bar_height)
    if text_size:
        canvas.setFont(LATIN, text_size)
        canvas.drawCentredString(bars.x + bars.width / 2, area.y + text_size * 0.2, value)
    return bars


def imb_tracking_code(mailer_id: str, packet_number: str, packet_date: date) -> str:
    """The 20-digit IMb tracking code: prefix, mailer id, then a serial from date and sequence."""
    if not mailer_id.isdigit() or len(mailer_id) not in (6, 9):
        raise BadInput(
            f"USPS mailer id {mailer_id!r} must be 6 or 9 digits; fix the company profile"
        )
    sequence = int(re.sub(r"\D", "", packet_number)[-5:] or "0")
    serial_digits = 15 - len(mailer_id)
    # The serial must stay unique for 45 days: day number above the daily sequence.
    day = packet_date.toordinal() % 10 ** (serial_digits - 5)
    return f"{_imb_prefix()}{mailer_id}{day:0{serial_digits - 5}d}{sequence:05d}"


def imb_routing(postcode: str) -> str | None:
    """The ZIP, ZIP+4 or ZIP+4+delivery point digits, or None when the postcode is none of them."""
    digits = re.sub(r"\D", "", postcode)
    return digits if len(digits) in (5, 9, 11) else None


def draw_imb(canvas: Canvas, tracking: str, routing: str, area: Rect) -> None:
    """Draw the USPS Intelligent Mail barcode at the left of `area`, as narrow as needed to fit."""
    barcode = USPS_4State(value=tracking, routing=routing)
    free = area.width - 2 * barcode.horizontalClearZone - barcode.barWidth
    barcode.pitch = free / 64
    barcode.drawOn(canvas, area.x, area.y + (area.height - barcode.height) / 2)
