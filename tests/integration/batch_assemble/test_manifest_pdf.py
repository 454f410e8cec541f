"""The manifest files: totals by postage class and country, each class's packets, user text
printed literally, Chinese names legible."""

import csv
import os
from datetime import date
from pathlib import Path

from fulfilment.batch.manifest import write_manifest
from fulfilment.batch.outputs import ManifestLine
from tests.integration.batch_assemble.pdfs import has_run, page_texts, text_lines

BATCH = date(2026, 11, 23)


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
        lines, tmp_path, batch_date=BATCH, company_name="Example <i>Industries</i>"
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
