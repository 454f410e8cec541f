"""The checks the upload child process runs, called in-process on files made here."""

from pathlib import Path

import pytest

from inventory.pdfprobe import Refused, inspect, paper_size
from tests.integration.inventory import pdfs


@pytest.mark.parametrize(
    ("width", "height", "name"),
    [(612, 792, "Letter"), (792, 612, "Letter"), (595.28, 841.89, "A4"), (420, 595, "A5"),
     (612, 1008, "Legal"), (300, 400, "106x141 mm")],
)  # fmt: skip
def test_paper_sizes_are_named_either_way_round(width: float, height: float, name: str) -> None:
    assert paper_size(width, height) == name


def test_a_good_pdf_gives_its_pages_and_paper(tmp_path: Path) -> None:
    path = pdfs.write(tmp_path, "a.pdf", pdfs.brochure(pages=3, width=595, height=842))
    assert inspect(path) == {"pages": 3, "paper_size": "A4"}


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"", "is not a PDF"),
        (pdfs.png, "is not a PDF (it is a PNG image)"),
        (lambda: b"%PDF-1.4\n" + b"x" * 500, "is truncated"),
        (pdfs.encrypted, "is encrypted with a password"),
        (pdfs.cyclic, "loops back on itself"),
    ],
)
def test_hostile_files_are_refused_with_their_reason(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = pdfs.write(tmp_path, "x.pdf", make())
    with pytest.raises(Refused, match=reason.replace("(", r"\(").replace(")", r"\)")):
        inspect(path)


def test_a_pdf_with_no_pages_is_refused(tmp_path: Path) -> None:
    empty_tree = pdfs.assemble(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    )
    with pytest.raises(Refused, match="has no pages"):
        inspect(pdfs.write(tmp_path, "x.pdf", empty_tree))
