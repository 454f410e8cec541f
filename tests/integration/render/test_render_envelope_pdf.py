"""Envelopes as PDFs: sizes, teaser, address layouts, barcodes and the USPS clear zone."""

from dataclasses import replace
from io import BytesIO
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import inch

from fulfilment.render import PacketData, render_envelopes
from fulfilment.render.geometry import Rect
from fulfilment.render.stationery import Envelope, envelope, envelope_codes
from tests.integration.render.pdf_reading import (
    dark_pixels,
    decode_barcodes,
    filled_rects,
    page_text,
    rasterize,
    text_lines,
    text_runs,
)
from tests.support.render_samples import CN_PACKET, COMPANY, DE_PACKET, US_PACKET

WITH_MAILER_ID = replace(US_PACKET, company=replace(COMPANY, usps_mailer_id="123456"))


def test_one_page_per_envelope_sized_to_the_envelope() -> None:
    packets = [replace(DE_PACKET, envelope=code) for code in envelope_codes()]

    pages = PdfReader(BytesIO(render_envelopes(packets))).pages

    for page, code in zip(pages, envelope_codes(), strict=True):
        stock = envelope(code)
        assert float(page.mediabox.width) == pytest.approx(stock.width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(stock.height, abs=0.01)


def test_teaser_prints_in_capitals_with_the_return_address() -> None:
    text = page_text(render_envelopes([US_PACKET]))

    assert "HERE IS THE INFORMATION YOU REQUESTED" in text.replace("\n", " ")
    assert "100 Main Street" in text


def test_us_address_is_machine_readable() -> None:
    lines = [line.text for line in text_lines(render_envelopes([US_PACKET]))]

    assert "ACME WATER WORKS" in lines
    assert "MOUNTAIN VIEW CA 94043" in lines


def test_other_countries_keep_their_spelling() -> None:
    lines = [line.text for line in text_lines(render_envelopes([DE_PACKET]))]

    assert "Dr. Anna Schmidt" in lines and "Hauptstraße 12" in lines


def test_chinese_layout_puts_postcode_in_boxes_and_name_in_the_middle() -> None:
    pdf = render_envelopes([CN_PACKET])
    stock = envelope(CN_PACKET.envelope)
    lines = {line.text: line.extent for line in text_lines(pdf)}
    digits = [run for run in text_runs(pdf) if len(run.text) == 1 and run.text.isdigit()]

    assert "".join(run.text for run in digits) == "200120"
    assert [run.x for run in digits] == sorted(run.x for run in digits)
    assert all(run.y > stock.height * 0.8 and run.right < stock.width / 3 for run in digits)
    assert not any(run.text == "200120" for run in text_runs(pdf))
    name = lines["王小明 经理 收"]
    middle = name.x + name.width / 2
    assert abs(middle - stock.width / 2) < 2
    assert stock.height * 0.3 < name.y < stock.height * 0.7
    sender = lines["Springfield IL 62701"]
    assert sender.right > stock.width * 0.8 and sender.top < stock.height * 0.3


def test_windowed_stock_leaves_the_window_clear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stock = envelope("dl")
    assert stock.window is not None
    monkeypatch.setattr(
        "fulfilment.render.envelope.envelope", lambda code: replace(stock, windowed=True)
    )

    pdf = render_envelopes([DE_PACKET])

    (png,) = rasterize(pdf, tmp_path, 72)
    assert dark_pixels(png, stock.window, stock.height, 72) == 0
    assert "Hauptstraße 12" not in page_text(pdf)


@pytest.mark.parametrize("packet", [WITH_MAILER_ID, US_PACKET], ids=["imb", "no-imb"])
def test_nothing_prints_in_the_usps_clear_zone(packet: PacketData, tmp_path: Path) -> None:
    stock = envelope("us10")
    assert stock.clear_zone is not None
    pdf = render_envelopes([packet])

    for line in text_lines(pdf):
        assert not stock.clear_zone.intersects(line.extent), line
    (png,) = rasterize(pdf, tmp_path, 150)
    assert dark_pixels(png, stock.clear_zone, stock.height, 150) == 0


def test_imb_prints_only_with_a_mailer_id(tmp_path: Path) -> None:
    stock = envelope("us10")
    area = stock.area("imb")
    with_id, without = rasterize(render_envelopes([WITH_MAILER_ID, US_PACKET]), tmp_path, 150)

    assert dark_pixels(with_id, area, stock.height, 150) > 200
    assert dark_pixels(without, area, stock.height, 150) == 0


def _imb_bars(pdf: bytes, area: Rect) -> list[Rect]:
    return sorted((rect for rect in filled_rects(pdf) if area.contains(rect)), key=lambda r: r.x)


def _assert_usps_spacing(bars: list[Rect]) -> None:
    """USPS-B-3200: 65 bars 0.015-0.025 in wide, 20-24 per inch, 2.667-3.225 in overall."""
    assert len(bars) == 65
    pitches = [second.x - first.x for first, second in pairwise(bars)]
    assert all(20 - 1e-6 <= inch / pitch <= 24 + 1e-6 for pitch in pitches), pitches
    assert all(0.015 * inch - 1e-6 <= bar.width <= 0.025 * inch + 1e-6 for bar in bars)
    assert 2.667 * inch - 1e-6 <= bars[-1].right - bars[0].x <= 3.225 * inch + 1e-6


def _prints_imb(stock: Envelope) -> bool:
    return not (stock.windowed and stock.window and stock.window.intersects(stock.area("imb")))


@pytest.mark.parametrize("code", [code for code in envelope_codes() if _prints_imb(envelope(code))])
def test_imb_bars_are_spaced_as_usps_reads_them(code: str) -> None:
    pdf = render_envelopes([replace(WITH_MAILER_ID, envelope=code)])

    _assert_usps_spacing(_imb_bars(pdf, envelope(code).area("imb")))


def test_imb_in_a_narrow_box_packs_its_bars_closer_within_usps_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stock = envelope("us10")
    narrow = replace(stock.boxes["imb"], width="3.05in")
    monkeypatch.setattr(
        "fulfilment.render.envelope.envelope",
        lambda code: replace(stock, boxes={**stock.boxes, "imb": narrow}),
    )

    bars = _imb_bars(render_envelopes([WITH_MAILER_ID]), narrow.resolve(stock.width, stock.height))

    _assert_usps_spacing(bars)
    assert bars[1].x - bars[0].x < 0.05 * inch


@pytest.mark.parametrize("code", ["dl", "c5", "c4"])
def test_chinese_envelope_prints_the_country_last_under_the_name(code: str) -> None:
    lines = text_lines(render_envelopes([replace(CN_PACKET, envelope=code)]))
    recipient = [
        "上海市浦东新区",
        "世纪大道100号",
        "上海水务工程有限公司",
        "王小明 经理 收",
        "CHINA",
    ]

    block = [line for line in lines if line.text in recipient]
    top_down = sorted(block, key=lambda line: -line.extent.top)

    assert [line.text for line in top_down] == recipient
    for index, line in enumerate(lines):
        assert not any(line.extent.intersects(other.extent) for other in lines[index + 1 :]), line


@pytest.mark.parametrize("packet", [US_PACKET, DE_PACKET, CN_PACKET], ids=["us10", "dl", "cn-dl"])
def test_packet_barcode_decodes_from_a_300_dpi_scan(packet: PacketData, tmp_path: Path) -> None:
    (png,) = rasterize(render_envelopes([packet]), tmp_path, 300)

    assert decode_barcodes(png) == [packet.number]


def test_every_envelope_size_carries_a_readable_barcode(tmp_path: Path) -> None:
    packets = [
        replace(DE_PACKET, envelope=code, number=f"P2026-11-23-{n:05d}")
        for n, code in enumerate(envelope_codes(), start=1)
    ]

    pngs = rasterize(render_envelopes(packets), tmp_path, 300)

    assert [decode_barcodes(png) for png in pngs] == [[packet.number] for packet in packets]


def test_no_packets_is_a_mistake_not_an_empty_document() -> None:
    with pytest.raises(ValueError, match="no packets"):
        render_envelopes([])
