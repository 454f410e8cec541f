"""Packet barcodes: Code128 modules, sizes, and the USPS IMb tracking code."""

from datetime import date
from io import BytesIO

import pytest
from reportlab.pdfgen.canvas import Canvas

from fulfilment.errors import BadInput
from fulfilment.render.barcodes import (
    code128_modules,
    code128_rules,
    code128_width,
    draw_code128,
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
    six = imb_tracking_code("123456", "P2026-11-23-00042", date(2026, 11, 23))
    nine = imb_tracking_code("123456789", "P2026-11-23-00042", date(2026, 11, 23))

    assert len(six) == len(nine) == 20 and six.isdigit() and nine.isdigit()
    assert six[5:11] == "123456" and nine[5:14] == "123456789"
    assert six.endswith("00042") and nine.endswith("00042")


def test_imb_serials_differ_from_day_to_day() -> None:
    first = imb_tracking_code("123456", "P2026-11-23-00042", date(2026, 11, 23))
    second = imb_tracking_code("123456", "P2026-11-24-00042", date(2026, 11, 24))

    assert first != second


def test_bad_mailer_id_says_what_to_fix() -> None:
    with pytest.raises(BadInput, match="6 or 9 digits"):
        imb_tracking_code("12345", "P1", date(2026, 1, 1))


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
