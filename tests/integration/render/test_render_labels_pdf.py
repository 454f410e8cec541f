"""Label sheets as PDFs: every line inside its cell, start position, printer offsets, barcodes."""

from pathlib import Path

import pytest
from reportlab.lib.units import mm

from fulfilment.errors import BadInput
from fulfilment.render import LabelAddress, label_address, render_alignment_sheet, render_labels
from fulfilment.render.geometry import Rect
from fulfilment.render.stationery import label_sheet, label_sheet_codes
from tests.integration.render.pdf_reading import (
    Line,
    decode_barcodes,
    page_count,
    rasterize,
    text_lines,
    text_runs,
)
from tests.support.render_samples import sample_packets

LONG = LabelAddress(
    (
        "Professor Doctor Maximilian Alexander von und zu Hohenzollern-Sigmaringen",
        "Head of Procurement, Water Treatment and Distribution Infrastructure",
        "Zweckverband für Wasserversorgung und Abwasserbeseitigung des Landkreises",
        "Gebäude C, 3. Obergeschoss, Raum 3.141",
        "Industriestraße 140-144",
        "Postfach 12 34 56",
        "10115 Berlin",
        "GERMANY",
    ),
    "P2026-11-23-99999",
)


def _cell_of(line: Line, cells: list[Rect]) -> Rect:
    middle_x, middle_y = (
        line.extent.x + line.extent.width / 2,
        line.extent.y + line.extent.height / 2,
    )
    (cell,) = [c for c in cells if c.x <= middle_x <= c.right and c.y <= middle_y <= c.top]
    return cell


@pytest.mark.parametrize("code", label_sheet_codes())
def test_every_label_line_stays_inside_its_cell(code: str) -> None:
    sheet = label_sheet(code)
    addresses = [label_address(packet) for packet in sample_packets(sheet.per_sheet - 1)] + [LONG]
    cells = [sheet.cell(position) for position in range(1, sheet.per_sheet + 1)]

    lines = text_lines(render_labels(addresses, code))

    assert lines
    for line in lines:
        assert _cell_of(line, cells).inset(sheet.padding - 0.5).contains(line.extent), line


def test_long_lines_are_cut_and_the_postal_lines_kept() -> None:
    texts = [line.text for line in text_lines(render_labels([LONG], "avery-5160"))]

    assert texts[0].startswith("Professor") and texts[0].endswith("\u2026")
    assert texts[-2:] == ["10115 Berlin", "GERMANY"]


def test_start_position_skips_used_labels() -> None:
    sheet = label_sheet("avery-5160")
    address = LabelAddress(("Jane Doe", "1 Main St", "SPRINGFIELD IL 62701"))

    first = text_runs(render_labels([address], "avery-5160", start_position=5))[0]

    cell = sheet.cell(5)
    assert cell.x < first.x < cell.right and cell.y < first.y < cell.top


def test_start_position_beyond_the_sheet_is_refused() -> None:
    with pytest.raises(BadInput, match="use 1 to 30"):
        render_labels([], "avery-5160", start_position=31)


def test_labels_continue_on_a_new_sheet() -> None:
    address = LabelAddress(("Jane Doe", "1 Main St"))

    assert page_count(render_labels([address] * 21, "avery-l7160")) == 1
    assert page_count(render_labels([address] * 22, "avery-l7160")) == 2
    assert page_count(render_labels([address] * 2, "avery-l7160", start_position=21)) == 2


def test_printer_offsets_move_everything_right_and_down() -> None:
    address = LabelAddress(("Jane Doe", "1 Main St"))
    plain = text_runs(render_labels([address], "avery-l7163"))[0]

    moved = text_runs(render_labels([address], "avery-l7163", offset_x_mm=1.5, offset_y_mm=-2))[0]

    assert moved.x - plain.x == pytest.approx(1.5 * mm, abs=0.01)
    assert moved.y - plain.y == pytest.approx(2 * mm, abs=0.01)


def test_unknown_sheet_names_the_known_ones() -> None:
    with pytest.raises(BadInput, match="avery-5160"):
        render_labels([], "avery-9999")


def test_label_barcodes_decode_from_a_300_dpi_scan(tmp_path: Path) -> None:
    for code in ("avery-5160", "avery-l7160"):
        addresses = [label_address(packet) for packet in sample_packets(3)]
        (png,) = rasterize(render_labels(addresses, code), tmp_path / code, 300)

        assert sorted(decode_barcodes(png)) == sorted(
            address.packet_number for address in addresses
        )


@pytest.mark.parametrize("code", label_sheet_codes())
def test_alignment_sheet_numbers_every_cell_inside_it(code: str) -> None:
    sheet = label_sheet(code)

    runs = [run for run in text_runs(render_alignment_sheet(code)) if run.text.isdigit()]

    assert [int(run.text) for run in runs] == list(range(1, sheet.per_sheet + 1))
    for run in runs:
        assert sheet.cell(int(run.text)).contains(run.extent)


def test_no_labels_is_a_mistake_not_a_blank_sheet() -> None:
    with pytest.raises(ValueError, match="no labels"):
        render_labels([], "avery-5160")
