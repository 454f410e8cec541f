"""A batch step that cannot finish: one line saying what to do, and the next run finishes it."""

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.integration.inventory import pdfs
from tests.support.samples import GOOD, reference_files, write_csv


@pytest.fixture(params=["sqlite"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The CLI's reporting is the same on both databases; the batch steps are tested on both."""
    return f"sqlite:///{tmp_path / 'litcenter.db'}"


def test_missing_brochure_file_is_one_line_then_the_rerun_sends_it(
    cli: Cli, tmp_path: Path
) -> None:
    products, reps = reference_files(tmp_path)
    brochure = pdfs.write(tmp_path, "pumps.pdf", pdfs.brochure(pages=2))
    assert cli("init").code == 0
    assert cli("products", "import", str(products)).code == 0
    assert cli("reps", "import", str(reps)).code == 0
    added = cli("literature", "add", "BR-PMP", "--title", "Pump brochure", "--kind", "brochure",
                "--products", "PMP-250,VLV-20", "--pdf", str(brochure), "--json")  # fmt: skip
    assert added.code == 0, added.stderr
    inquiries = write_csv(tmp_path / "inquiries.csv", [{**GOOD, "response": "email"}])
    assert cli("import", str(inquiries)).code == 0
    stored = cli.home / added.json()["pdf"]
    stored.unlink()

    failed = cli("batch", "run", "--date", "2026-11-23", "--json")

    assert failed.code == 1
    assert failed.stdout == ""
    assert failed.stderr.startswith("error: 1 brochure PDF(s) cannot be sent: BR-PMP")
    assert "litcenter literature upload" in failed.stderr
    assert failed.stderr.count("\n") == 1, failed.stderr

    assert cli("literature", "upload", "BR-PMP", str(brochure)).code == 0
    rerun = cli("batch", "run", "--date", "2026-11-23", "--json")

    assert rerun.code == 0, rerun.stderr
    assert rerun.json()["packets"] == 1
    packet_pdf = Path(rerun.json()["files"]["email"]) / "P20261123-00001.pdf"
    assert packet_pdf.is_file()
