"""The limits around the upload check: file size, memory of the child, and its clock."""

from pathlib import Path

import pytest

from fulfilment.errors import BadInput
from inventory import uploads
from inventory.uploads import checked_pdf
from tests.integration.inventory import pdfs


def test_an_oversized_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", 1_000_000)
    path = pdfs.write(tmp_path, "huge.pdf", b"%PDF-1.7\n" + bytes(2_000_000))

    with pytest.raises(BadInput, match=r"huge.pdf is 2 MB, over the 1 MB limit"), checked_pdf(path):
        pass


def test_the_memory_cap_stops_what_the_stream_limits_let_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pdfs.write(tmp_path, "dense.pdf", pdfs.bomb(size=1 << 26))
    with checked_pdf(path) as checked:
        assert checked.pages == 1

    monkeypatch.setattr(uploads, "MEMORY_BYTES", 100_000_000)
    with pytest.raises(BadInput, match="dense.pdf .*decompression bomb"), checked_pdf(path):
        pass


def test_an_accepted_file_is_checked_as_a_private_copy(tmp_path: Path) -> None:
    path = pdfs.write(tmp_path, "ok.pdf", pdfs.brochure(pages=1))

    with checked_pdf(path) as checked:
        assert checked.staged != path and checked.staged.read_bytes() == path.read_bytes()
        assert (checked.name, checked.pages, checked.paper_size) == ("ok.pdf", 1, "Letter")
    assert not checked.staged.exists()
