"""Marketing edits a letter text in the home folder; letters and previews use the edited copy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.support.render_samples import sample_packets


@pytest.fixture(params=["sqlite"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Templates live in the home folder, whatever the database."""
    return f"sqlite:///{tmp_path / 'litcenter.db'}"


RENDER = """
from fulfilment.render import render_letter
from tests.support.render_samples import sample_packets
from pypdf import PdfReader
from io import BytesIO
letter = render_letter(sample_packets(1)[0])
print(" ".join(PdfReader(BytesIO(letter)).pages[0].extract_text().split()))
"""


def letter_text(home: Path) -> str:
    """The first sample letter's text as a batch worker with this home would render it."""
    env = {**os.environ, "LITCENTER_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", RENDER], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def test_an_edited_letter_text_is_used_and_copy_keeps_edits(cli: Cli) -> None:
    assert sample_packets(1)[0].language == "en"
    assert "Pump Literature Desk" not in letter_text(cli.home)

    copied = cli("templates", "copy", "--json")

    assert copied.code == 0, copied.stderr
    result = copied.json()
    assert "letters/en/letter.j2" in result["copied"] and result["kept"] == []
    letter = Path(result["folder"]) / "letters" / "en" / "letter.j2"
    text = letter.read_text(encoding="utf-8")
    assert "<br/>Literature Center" in text
    letter.write_text(text.replace("<br/>Literature Center", "<br/>Pump Literature Desk"),
                      encoding="utf-8")  # fmt: skip
    assert "Pump Literature Desk" in letter_text(cli.home)

    again = cli("templates", "copy", "--json").json()
    assert "letters/en/letter.j2" in again["kept"] and again["copied"] == []
    assert "Pump Literature Desk" in letter.read_text(encoding="utf-8"), "a second copy keeps edits"
