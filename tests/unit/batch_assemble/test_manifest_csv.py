"""The manifest CSV: one row per packet, UTF-8 with a BOM, user text kept as text."""

import csv
from collections.abc import Iterator
from io import StringIO

from fulfilment.batch.manifest import COLUMNS, manifest_csv
from fulfilment.render.packet import ManifestLine


def _line(number: str, **fields: str | int) -> ManifestLine:
    values: dict[str, str | int] = {
        "name": "Jane Cooper",
        "company": "Bayview Foods",
        "country": "US",
        "postage_class": "domestic letter",
        "envelope": "us10",
        "weight_g": 45,
        **fields,
    }
    return ManifestLine(number=number, **values)  # type: ignore[arg-type]


def _rows(data: bytes | Iterator[bytes]) -> list[list[str]]:
    whole = data if isinstance(data, bytes) else b"".join(data)
    return list(csv.reader(StringIO(whole.decode("utf-8-sig"))))


def test_starts_with_a_bom_and_a_header_then_one_row_per_packet() -> None:
    data = b"".join(
        manifest_csv([_line("P20261123-00001"), _line("P20261123-00002", weight_g=120)])
    )

    assert data.startswith(b"\xef\xbb\xbfnumber,name,")
    rows = _rows(data)
    assert rows[0] == list(COLUMNS)
    assert rows[1:] == [
        ["P20261123-00001", "Jane Cooper", "Bayview Foods", "US", "domestic letter", "us10", "45"],
        ["P20261123-00002", "Jane Cooper", "Bayview Foods", "US", "domestic letter", "us10", "120"],
    ]


def test_chinese_names_round_trip() -> None:
    line = _line("P20261123-00003", name="王伟", company="上海华东化工有限公司", country="CN")

    [row] = _rows(manifest_csv([line]))[1:]

    assert row[1:4] == ["王伟", "上海华东化工有限公司", "CN"]


def test_commas_quotes_and_line_breaks_stay_in_their_cell() -> None:
    line = _line("P20261123-00004", name='Smith, "Jo"', company="Line one\nline two")

    [row] = _rows(manifest_csv([line]))[1:]

    assert row[1:3] == ['Smith, "Jo"', "Line one\nline two"]


def test_text_a_spreadsheet_would_run_as_a_formula_is_shown_as_text() -> None:
    line = _line("P20261123-00005", name='=HYPERLINK("http://x.example")', company="@SUM(A1)")

    [row] = _rows(manifest_csv([line]))[1:]

    assert row[1:3] == ['\'=HYPERLINK("http://x.example")', "'@SUM(A1)"]


def test_template_looking_text_is_kept_as_it_is() -> None:
    line = _line("P20261123-00006", name="<b>x</b>", company="{{ 7*7 }}")

    [row] = _rows(manifest_csv([line]))[1:]

    assert row[1:3] == ["<b>x</b>", "{{ 7*7 }}"]


def test_no_packets_is_a_header_only() -> None:
    assert _rows(manifest_csv([])) == [list(COLUMNS)]


def test_rows_come_in_pieces_that_join_into_one_file() -> None:
    lines = [_line(f"P20261123-{n:05d}", name=f"Customer {n} 王") for n in range(1, 1202)]

    pieces = list(manifest_csv(lines))

    assert len(pieces) > 3 and pieces[0] == b"\xef\xbb\xbf"
    rows = _rows(b"".join(pieces))
    assert [row[0] for row in rows[1:]] == [line.number for line in lines]
    assert rows[-1][1] == "Customer 1201 王"
