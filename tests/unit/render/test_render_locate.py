"""Finding the templates: the home's edited copies first, then the packaged defaults."""

from pathlib import Path

import pytest

import fulfilment
from fulfilment.errors import BadInput
from fulfilment.render import locate_templates
from fulfilment.render.locate import template_file, template_roots


def test_source_checkout_uses_the_repository_templates() -> None:
    found = locate_templates()

    assert (found / "letters" / "en" / "letter.j2").is_file()
    assert (found / "labels" / "sheets.toml").is_file()
    packaged = Path(fulfilment.__file__).resolve().parent / "templates"
    assert found == (packaged if packaged.is_dir() else packaged.parent.parent / "templates")


def test_a_file_in_the_home_is_used_before_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LITCENTER_HOME", str(tmp_path))
    edited = tmp_path / "templates" / "labels" / "sheets.toml"
    edited.parent.mkdir(parents=True)
    edited.write_text("[sheets]\n", encoding="utf-8")

    assert template_file("labels", "sheets.toml") == edited
    assert template_file("labels", "papers.toml") == locate_templates() / "labels" / "papers.toml"


def test_without_edited_copies_the_defaults_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LITCENTER_HOME", str(tmp_path))

    assert template_roots() == (locate_templates(),)
    with pytest.raises(BadInput, match="no template letters/xx/letter.j2"):
        template_file("letters", "xx", "letter.j2")
