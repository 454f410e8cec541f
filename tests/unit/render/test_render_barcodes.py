"""Packet barcodes: Code128 modules, sizes, and the USPS IMb tracking code."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas

from fulfilment.errors import BadInput
from fulfilment.render.barcodes import (
    code128_modules,
    code128_rules,
    code128_width,
    draw_code128,
    draw_imb,
    imb_routing,
    imb_tracking_code,
)
from fulfilment.render.geometry import Rect


def test_code128_modules_start_and_stop_with_bars() -> None:
    modules = code128_modules("P2026-11-23-00042")

    assert set(modules) == {"0", "1"}
    assert modules.startswith("11010010000") and modules.endswith("1100011101011")


def test_bars_stay_inside_the_box_less_quiet_zones() -> None:
    area = Rect(10, 10, 300, 30)
    canvas = Canvas(BytesIO())

    bars = draw_code128(canvas, "P2026-11-23-00042", area, text_size=6)

    module = bars.width / len(code128_modules("P2026-11-23-00042"))
    assert module >= code128_rules().min_module
    assert bars.x - area.x >= code128_rules().quiet_modules * module - 1e-9
    assert area.right - bars.right >= code128_rules().quiet_modules * module - 1e-9
    assert bars.y > area.y and bars.top == pytest.approx(area.top)


def test_a_box_too_narrow_for_readable_bars_is_refused() -> None:
    narrow = Rect(0, 0, code128_width("P2026-11-23-00042", code128_rules().min_module) - 1, 20)

    with pytest.raises(BadInput, match="widen the box"):
        draw_code128(Canvas(BytesIO()), "P2026-11-23-00042", narrow)


def test_imb_tracking_code_has_20_digits_with_the_mailer_id() -> None:
    six = imb_tracking_code("123456", "P20261123-00042", date(2026, 11, 23))
    nine = imb_tracking_code("123456789", "P20261123-00042", date(2026, 11, 23))

    assert len(six) == len(nine) == 20 and six.isdigit() and nine.isdigit()
    assert six[5:11] == "123456" and nine[5:14] == "123456789"


@pytest.mark.parametrize("mailer_id", ["123456", "123456789"], ids=["6-digit", "9-digit"])
@pytest.mark.parametrize(
    "first", [date(2026, 11, 2), date(2026, 12, 20)], ids=["november", "over-new-year"]
)
def test_imb_tracking_codes_do_not_repeat_within_46_days(mailer_id: str, first: date) -> None:
    days = [first + timedelta(days=offset) for offset in range(46)]
    sequences = (1, 2, 42, 10_000, 19_999)

    codes = [
        imb_tracking_code(mailer_id, f"P{day:%Y%m%d}-{sequence:05d}", day)
        for day in days
        for sequence in sequences
    ]

    assert len(set(codes)) == len(days) * len(sequences)


@pytest.mark.parametrize(
    ("mailer_id", "most"), [("123456", 99_999), ("123456789", 19_999)], ids=["6-digit", "9-digit"]
)
def test_more_packets_a_day_than_the_serial_holds_is_refused(mailer_id: str, most: int) -> None:
    day = date(2026, 11, 23)
    imb_tracking_code(mailer_id, f"P20261123-{most:05d}", day)

    with pytest.raises(BadInput, match=f"at most {most} packets a day"):
        imb_tracking_code(mailer_id, f"P20261123-{most + 1:05d}", day)


def test_bad_mailer_id_says_what_to_fix() -> None:
    with pytest.raises(BadInput, match="6 or 9 digits"):
        imb_tracking_code("12345", "P1", date(2026, 1, 1))


def test_imb_fits_a_box_down_to_the_usps_limit_and_refuses_a_narrower_one() -> None:
    # 0.125 in clear zones, one 0.025 in bar and 64 pitches of 1/24 in: 2.94 in.
    tracking = imb_tracking_code("123456", "P20261123-00042", date(2026, 11, 23))

    draw_imb(Canvas(BytesIO()), tracking, "94043", Rect(0, 0, 2.95 * inch, 0.3 * inch))
    with pytest.raises(BadInput, match="widen the imb box"):
        draw_imb(Canvas(BytesIO()), tracking, "94043", Rect(0, 0, 2.93 * inch, 0.3 * inch))


@pytest.mark.parametrize(
    ("postcode", "routing"),
    [
        ("94043", "94043"),
        ("94043-1351", "940431351"),
        ("94043-1351-01", "94043135101"),
        ("SW1A 1AA", None),
    ],
)
def test_imb_routing_from_the_zip(postcode: str, routing: str | None) -> None:
    assert imb_routing(postcode) == routing
