"""Finding the templates folder in a source checkout."""

from pathlib import Path

import fulfilment
from fulfilment.render import locate_templates


def test_source_checkout_uses_the_repository_templates() -> None:
    found = locate_templates()

    assert (found / "letters" / "en" / "letter.j2").is_file()
    assert (found / "labels" / "sheets.toml").is_file()
    packaged = Path(fulfilment.__file__).resolve().parent / "templates"
    assert found == (packaged if packaged.is_dir() else packaged.parent.parent / "templates")
