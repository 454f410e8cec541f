"""Merging keeps memory at about one chunk, however many chunks a batch has."""

from pathlib import Path

from tests.integration.batch_assemble.merge_memory import make_chunks, measure


def test_peak_memory_does_not_grow_with_the_number_of_chunks(tmp_path: Path) -> None:
    make_chunks(tmp_path / "few", chunks=5, pages=100)
    make_chunks(tmp_path / "many", chunks=60, pages=100)

    few = measure(tmp_path / "few", merger="streamed")
    many = measure(tmp_path / "many", merger="streamed")

    assert (few["pages"], many["pages"]) == (500, 6000)
    # PdfWriter grows by about 15 MB per thousand pages here, so 5,500 more pages would add
    # some 80 MB; streamed, the difference is noise.
    assert many["peak_rss_mb"] - few["peak_rss_mb"] < 15
