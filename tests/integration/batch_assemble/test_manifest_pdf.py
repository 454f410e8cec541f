"""The manifest files: totals by postage class and country, each class's packets, user text
printed literally, Chinese names legible."""

import csv
import os
from datetime import date
from pathlib import Path

from fulfilment.batch.manifest import write_manifest
from fulfilment.render.manifest import render_manifest
from fulfilment.render.packet import ManifestLine
from tests.integration.batch_assemble.listed_manifest import ListedManifest
from tests.integration.batch_assemble.pdfs import has_run, page_texts, text_lines
from tests.integration.render.pdf_reading import Run, filled_rects, page_count, text_runs

BATCH = date(2026, 11, 23)
PACKET_HEADER = ("Number", "Name", "Company", "Country", "Envelope", "Weight")


def _line(
    index: int, *, country: str, postage_class: str, weight_g: int, **names: str
) -> ManifestLine:
    return ManifestLine(
        number=f"P20261123-{index:05d}",
        name=names.get("name", f"Customer {index}"),
        company=names.get("company", "Bayview Foods"),
        country=country,
        postage_class=postage_class,
        envelope="us10",
        weight_g=weight_g,
    )


LINES = [
    _line(1, country="US", postage_class="domestic letter", weight_g=40),
    _line(2, country="CN", postage_class="international letter", weight_g=60, name="王伟",
          company="上海华东化工有限公司"),
    _line(3, country="US", postage_class="domestic letter", weight_g=55, name="<b>x</b>",
          company="{{ 7*7 }}"),
    _line(4, country="DE", postage_class="international large letter", weight_g=300),
    _line(5, country="CN", postage_class="international letter", weight_g=45),
]  # fmt: skip


def _write(tmp_path: Path, lines: list[ManifestLine] = LINES) -> tuple[Path, Path]:
    return write_manifest(
        ListedManifest(lines), tmp_path, batch_date=BATCH, company_name="Example <i>Industries</i>"
    )


def test_both_files_are_written_and_nothing_else(tmp_path: Path) -> None:
    table, document = _write(tmp_path)

    assert (table, document) == (tmp_path / "manifest.csv", tmp_path / "manifest.pdf")
    assert sorted(os.listdir(tmp_path)) == ["manifest.csv", "manifest.pdf"]
    with table.open(encoding="utf-8-sig", newline="") as handle:
        assert [row["number"] for row in csv.DictReader(handle)] == [
            f"P20261123-{n:05d}" for n in range(1, 6)
        ]


def test_totals_per_postage_class_and_in_all(tmp_path: Path) -> None:
    lines = text_lines(_write(tmp_path)[1])

    assert "5 packets, 500 g in all" in lines
    assert has_run(lines, ["domestic letter", "2", "95 g"])
    assert has_run(lines, ["international large letter", "1", "300 g"])
    assert has_run(lines, ["international letter", "2", "105 g"])
    assert has_run(lines, ["Total", "5", "500 g"])


def test_counts_by_country(tmp_path: Path) -> None:
    lines = text_lines(_write(tmp_path)[1])

    assert has_run(lines, ["CN", "2", "105 g"])
    assert has_run(lines, ["DE", "1", "300 g"])
    assert has_run(lines, ["US", "2", "95 g"])


def test_each_class_starts_a_page_listing_its_packets(tmp_path: Path) -> None:
    pages = page_texts(_write(tmp_path)[1])

    assert len(pages) == 4
    assert "domestic letter: 2 packets, 95 g" in pages[1]
    assert "P20261123-00001" in pages[1] and "P20261123-00003" in pages[1]
    assert "P20261123-00002" not in pages[1]
    assert "international letter: 2 packets, 105 g" in pages[3]


def test_chinese_names_print(tmp_path: Path) -> None:
    lines = text_lines(_write(tmp_path)[1])

    assert has_run(lines, ["P20261123-00002", "王伟", "上海华东化工有限公司", "CN"])


def test_user_text_prints_literally(tmp_path: Path) -> None:
    lines = text_lines(_write(tmp_path)[1])

    assert "Mailing manifest 2026-11-23 · Example <i>Industries</i>" in lines
    assert has_run(lines, ["P20261123-00003", "<b>x</b>", "{{ 7*7 }}"])


def test_a_long_company_name_is_cut_to_its_column(tmp_path: Path) -> None:
    long_name = "The Very Long Name of a Process Engineering Company " * 3
    line = _line(9, country="US", postage_class="domestic letter", weight_g=40, company=long_name)

    lines = text_lines(_write(tmp_path, [line])[1])

    [cut] = [text for text in lines if text.startswith("The Very Long Name")]
    assert cut.endswith("\u2026") and len(cut) < len(long_name)


def test_a_long_batch_flows_over_pages_with_every_packet_once(tmp_path: Path) -> None:
    many = [
        _line(n, country="US", postage_class="domestic letter", weight_g=50) for n in range(1, 301)
    ]

    pages = page_texts(_write(tmp_path, many)[1])

    numbers = [word for text in pages for word in text.split() if word.startswith("P20261123-")]
    assert numbers == [f"P20261123-{n:05d}" for n in range(1, 301)]
    assert len(pages) > 3
    assert all(text.count("Number") == 1 for text in pages[1:])


def test_no_printed_packets_still_gives_both_files(tmp_path: Path) -> None:
    lines = text_lines(_write(tmp_path, [])[1])

    assert "0 packets, 0 g in all" in lines
    assert has_run(lines, ["Total", "0", "0 g"])


def _packet_page_runs(pdf: bytes, page: int) -> list[Run]:
    """A page's text runs without its footer."""
    return [run for run in text_runs(pdf, page) if not run.text.startswith("Manifest ")]


def test_a_class_longer_than_a_page_runs_on_under_its_shaded_header(tmp_path: Path) -> None:
    many = [_line(n, country="US", postage_class="parcel", weight_g=50) for n in range(1, 131)]

    pdf = _write(tmp_path, many)[1].read_bytes()

    headers = []
    for page in range(2, page_count(pdf)):
        runs = _packet_page_runs(pdf, page)
        top = max(runs, key=lambda run: run.y)
        assert top.text == "Number"
        row = [run for run in runs if abs(run.y - top.y) < 0.1]
        assert [run.text for run in row] == list(PACKET_HEADER)
        assert any(
            shade.x <= top.x and shade.y < top.y < shade.top and shade.width > 400
            for shade in filled_rects(pdf, page)
        )
        headers.append([(round(run.x, 2), round(run.y, 2)) for run in row])
        # The page's first packet follows straight under its header.
        below = max((run for run in runs if run.y < top.y), key=lambda run: run.y)
        assert below.text.startswith("P20261123-") and top.y - below.y < 20
    assert len(headers) >= 2 and all(header == headers[0] for header in headers)


def test_long_names_stay_inside_their_columns_and_weights_line_up(tmp_path: Path) -> None:
    lines = [
        _line(1, country="US", postage_class="parcel", weight_g=40,
              company="The Very Long Name of a Process Engineering Company " * 3),
        _line(2, country="CN", postage_class="parcel", weight_g=12_345,
              company="北京非常非常长的化工机械设备制造与销售有限责任公司分公司第三事业部"),
        _line(3, country="DE", postage_class="parcel", weight_g=7, name="Dr. " + "Anna " * 20),
    ]  # fmt: skip

    pdf = _write(tmp_path, lines)[1].read_bytes()

    runs = _packet_page_runs(pdf, 1)
    header = {run.text: run for run in runs if run.text in PACKET_HEADER}
    cut = [run for run in runs if run.text.endswith("\u2026")]
    assert len(cut) == 3
    for run in cut:
        column = "Name" if run.text.startswith("Dr.") else "Company"
        after = PACKET_HEADER[PACKET_HEADER.index(column) + 1]
        assert header[column].x <= run.x and run.right < header[after].x
    weights = [
        run for run in runs if run.x > header["Envelope"].right and run.y < header["Weight"].y
    ]
    assert [run.text for run in weights] == ["40 g", "12,345 g", "7 g"]
    assert all(abs(run.right - header["Weight"].right) < 0.01 for run in weights)


def test_a_long_manifest_comes_in_parts_cut_where_pages_end(tmp_path: Path) -> None:
    many = [
        _line(n, country="US", postage_class="domestic letter" if n % 3 else "international letter",
              weight_g=50)
        for n in range(1, 601)
    ]  # fmt: skip
    source = ListedManifest(many)
    whole = page_texts(_write(tmp_path, many)[1])

    parts = list(
        render_manifest(
            source.summary(), source.of_class, batch_date=BATCH,
            company_name="Example <i>Industries</i>", part_pages=3,
        )
    )  # fmt: skip

    assert [page_count(part) for part in parts[:-1]] == [3] * (len(parts) - 1)
    assert [text for part in parts for text in page_texts(part)] == whole
    assert len(whole) > 6 and f"Manifest 2026-11-23 \u00b7 page {len(whole)}" in whole[-1]
