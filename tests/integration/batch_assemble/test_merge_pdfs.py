"""Chunk PDFs prepared as parts and joined into one printer file: every page, in order, atomically."""

import subprocess
from io import BytesIO
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from fulfilment import render
from fulfilment.batch.pdf_join import join_pdfs, merge_parts, prepare_part
from fulfilment.errors import LitcenterError
from tests.integration.batch_assemble.pdfs import page_texts, write_pdf
from tests.support.render_samples import sample_packets


def _part(pdf: Path) -> Path:
    part = pdf.with_suffix(".part")
    part.write_bytes(prepare_part(pdf.read_bytes(), name=pdf.name))
    return part


def _chunks(folder: Path, chunks: int, pages: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [
        _part(
            write_pdf(
                folder / f"{index:05d}-letters.pdf",
                [f"Packet P20261123-{index * pages + page:05d}" for page in range(pages)],
            )
        )
        for index in range(chunks)
    ]


def test_pages_come_out_in_chunk_order(tmp_path: Path) -> None:
    parts = _chunks(tmp_path / "chunks", chunks=12, pages=7)

    written = merge_parts(parts, tmp_path / "letters.pdf")

    texts = page_texts(tmp_path / "letters.pdf")
    assert written == len(texts) == 84
    numbers = [text.split("Packet ")[1].strip() for text in texts]
    assert numbers == [f"P20261123-{n:05d}" for n in range(84)]


def test_the_order_given_is_kept_not_the_file_names(tmp_path: Path) -> None:
    parts = _chunks(tmp_path / "chunks", chunks=3, pages=2)

    merge_parts(list(reversed(parts)), tmp_path / "letters.pdf")

    texts = page_texts(tmp_path / "letters.pdf")
    assert [text.strip()[-2:] for text in texts] == ["04", "05", "02", "03", "00", "01"]


def test_rendered_packets_read_back_the_same_in_chinese_too(tmp_path: Path) -> None:
    packets = sample_packets(12)
    first = (tmp_path / "a.pdf", render.render_packets(packets[:6]))
    second = (tmp_path / "b.pdf", render.render_packets(packets[6:]))
    for path, data in (first, second):
        path.write_bytes(data)

    merge_parts([_part(first[0]), _part(second[0])], tmp_path / "letters.pdf")

    merged = page_texts(tmp_path / "letters.pdf")
    assert merged == page_texts(first[1]) + page_texts(second[1])
    assert any(any("\u4e00" <= char <= "\u9fff" for char in text) for text in merged)


def test_the_merged_file_is_a_clean_pdf(tmp_path: Path) -> None:
    parts = _chunks(tmp_path / "chunks", chunks=3, pages=4)

    merge_parts(parts, tmp_path / "letters.pdf")

    reader = PdfReader(tmp_path / "letters.pdf", strict=True)
    assert len(reader.pages) == 12
    tree = reader.root_object.raw_get("/Pages")
    assert all(page.raw_get("/Parent") == tree for page in reader.pages)
    # Each chunk's page frame is drawn from a form: the form travels with its pages.
    assert all("/XObject" in cast(DictionaryObject, page["/Resources"]) for page in reader.pages)


def test_a_missing_chunk_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    parts = _chunks(tmp_path / "chunks", chunks=3, pages=2)
    parts[1].unlink()

    with pytest.raises(LitcenterError, match="00001-letters.part is missing"):
        merge_parts(parts, tmp_path / "letters.pdf")

    assert not (tmp_path / "letters.pdf").exists()


def test_a_damaged_part_is_named_and_the_old_file_stays(tmp_path: Path) -> None:
    parts = _chunks(tmp_path / "chunks", chunks=3, pages=2)
    parts[2].write_bytes(parts[2].read_bytes()[:-40])
    target = tmp_path / "letters.pdf"
    target.write_bytes(b"yesterday's file")

    with pytest.raises(LitcenterError, match="00002-letters.part cannot be read"):
        merge_parts(parts, target)

    assert target.read_bytes() == b"yesterday's file"
    assert {path.name for path in tmp_path.iterdir()} == {"chunks", "letters.pdf"}


def test_a_chunk_that_is_no_pdf_is_named_when_it_is_prepared() -> None:
    with pytest.raises(LitcenterError, match="chunk 00002-letters.pdf cannot be read"):
        prepare_part(b"%PDF-1.4\nthis is not a PDF any more", name="00002-letters.pdf")


def test_joined_parts_read_back_in_poppler_too(tmp_path: Path) -> None:
    parts = _chunks(tmp_path / "chunks", chunks=4, pages=3)

    merge_parts(parts, tmp_path / "letters.pdf")

    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "letters.pdf")], capture_output=True, text=True, check=True
    )
    assert "Pages:           12" in info.stdout
    assert not info.stderr
    text = subprocess.run(
        ["pdftotext", "-f", "12", "-l", "12", str(tmp_path / "letters.pdf"), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "P20261123-00011" in text.stdout


def test_a_list_rendered_in_parts_joins_as_it_comes_with_its_title(tmp_path: Path) -> None:
    picks = [packet.pick for packet in sample_packets(40)]
    parts = list(
        render.render_pick_list(
            picks, totals=render.batch_totals(picks), batch="2026-11-23", part_pages=2
        )
    )
    target = tmp_path / "picklist.pdf"

    written = join_pdfs(iter(parts), target, title="Pick list 2026-11-23 \u00b7 \u62e3\u8d27")

    assert len(parts) > 2
    assert written == sum(len(PdfReader(BytesIO(part)).pages) for part in parts)
    assert page_texts(target) == [text for part in parts for text in page_texts(part)]
    reader = PdfReader(target, strict=True)
    assert reader.metadata is not None
    assert reader.metadata.title == "Pick list 2026-11-23 \u00b7 \u62e3\u8d27"
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    assert "Title:           Pick list 2026-11-23" in info.stdout and not info.stderr
