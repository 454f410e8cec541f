"""Where the letter texts and stationery data live: the home's edited copies, else the defaults."""

import os
from functools import cache
from pathlib import Path

import fulfilment
from fulfilment.errors import BadInput

# The home folder as Settings reads it; render reads only the variable, so any worker can.
HOME_VARIABLE, DEFAULT_HOME = "LITCENTER_HOME", "litcenter-data"


@cache
def locate_templates() -> Path:
    """The packaged templates folder: inside fulfilment, else at the repository root."""
    package = Path(fulfilment.__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "letters").is_dir() and (candidate / "labels").is_dir():
            return candidate
    raise BadInput(f"no templates folder next to {package}; reinstall litcenter")


def home_templates() -> Path:
    """The home's templates folder, where marketing keeps its edited texts and stationery."""
    return Path(os.environ.get(HOME_VARIABLE) or DEFAULT_HOME).resolve() / "templates"


def template_roots() -> tuple[Path, ...]:
    """Folders to look in, first match wins: the home's edited copies, then the defaults."""
    edited = home_templates()
    return (edited, locate_templates()) if edited.is_dir() else (locate_templates(),)


def template_file(*parts: str) -> Path:
    """A template or data file by its path under templates/, the home's copy first."""
    for root in template_roots():
        path = root.joinpath(*parts)
        if path.is_file():
            return path
    raise BadInput(f"no template {'/'.join(parts)}; reinstall litcenter")
