"""Packet barcodes drawn as vectors: Code128 from python-barcode's modules, and the USPS IMb."""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from barcode.codex import Code128
from reportlab.graphics.barcode.usps4s import USPS_4State
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas

from fulfilment.errors import BadInput
from fulfilment.render.fonts import LATIN
from fulfilment.render.geometry import Rect, length, read_data
from fulfilment.render.locate import template_file

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
    entry = read_data(template_file("labels", "barcodes.toml"))["code128"]
    return Code128Rules(
        quiet_modules=int(entry["quiet_modules"]),
        min_module=length(entry["min_module"]),
        max_module=length(entry["max_module"]),
        text_gap=length(entry["text_gap"]),
    )


@dataclass(frozen=True)
class ImbRules:
    """The IMb's fixed digits and closest bar spacing from the barcode data file."""

    prefix: str
    min_pitch: float


@cache
def imb_rules() -> ImbRules:
    entry = read_data(template_file("labels", "barcodes.toml"))["imb"]
    return ImbRules(
        prefix=f"{entry['barcode_id']}{entry['service_type']}",
        min_pitch=inch / float(entry["max_bars_per_inch"]),
    )


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


# The serial must not repeat within 45 days (USPS). It is a day number times the
# packets one day can number, plus the packet's sequence in its batch. The day counts
# from a fixed epoch, not within the year: a day of the year restarts on 1 January and
# would meet a serial used in December. Per serial length, (days in the cycle, packets
# a day): 10,000 days x 100,000 with a 6-digit mailer id, and 50 days x 20,000 with a
# 9-digit one, whose 6-digit serial has only a million codes.
_SERIAL_CYCLES = {9: (10_000, 100_000), 6: (50, 20_000)}
_SEQUENCE = re.compile(r"(\d+)$")


def imb_tracking_code(mailer_id: str, packet_number: str, packet_date: date) -> str:
    """The 20-digit IMb tracking code: prefix, mailer id, then a serial from date and sequence."""
    if not mailer_id.isdigit() or len(mailer_id) not in (6, 9):
        raise BadInput(
            f"USPS mailer id {mailer_id!r} must be 6 or 9 digits; fix the company profile"
        )
    found = _SEQUENCE.search(packet_number)
    if found is None:
        raise BadInput(f"packet number {packet_number!r} does not end in its sequence number")
    sequence = int(found[1])
    serial_digits = 15 - len(mailer_id)
    days, per_day = _SERIAL_CYCLES[serial_digits]
    if sequence >= per_day:
        raise BadInput(
            f"packet {packet_number}: with a {len(mailer_id)}-digit USPS mailer id the IMb "
            f"numbers at most {per_day - 1} packets a day; mail the rest on another day"
        )
    serial = packet_date.toordinal() % days * per_day + sequence
    return f"{imb_rules().prefix}{mailer_id}{serial:0{serial_digits}d}"


def imb_routing(postcode: str) -> str | None:
    """The ZIP, ZIP+4 or ZIP+4+delivery point digits, or None when the postcode is none of them."""
    digits = re.sub(r"\D", "", postcode)
    return digits if len(digits) in (5, 9, 11) else None


def draw_imb(canvas: Canvas, tracking: str, routing: str, area: Rect) -> None:
    """Draw the USPS Intelligent Mail barcode at the left of `area`.

    ReportLab's default spacing (20 bars per inch, 3.225 in long) is the widest USPS
    allows; a narrower box packs the bars closer, down to the data file's limit.
    """
    barcode = USPS_4State(value=tracking, routing=routing)
    # 65 bars are 64 pitches and one bar wide, with a clear zone either side.
    margins = 2 * barcode.horizontalClearZone + barcode.barWidth
    fitting = (area.width - margins) / 64
    if fitting < imb_rules().min_pitch:
        needed = margins + 64 * imb_rules().min_pitch
        raise BadInput(
            f"the USPS barcode needs {needed / inch:.2f} in; its imb box is "
            f"{area.width / inch:.2f} in wide; widen the imb box in envelopes.toml"
        )
    barcode.pitch = min(barcode.pitch, fitting)
    barcode.drawOn(canvas, area.x, area.y + (area.height - barcode.height) / 2)
