"""Where the letter texts and stationery data live, in a wheel or in a source checkout."""

from functools import cache
from pathlib import Path

import fulfilment
from fulfilment.errors import BadInput


@cache
def locate_templates() -> Path:
    """The templates folder: packaged inside fulfilment, else at the repository root."""
    package = Path(fulfilment.__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "letters").is_dir() and (candidate / "labels").is_dir():
            return candidate
    raise BadInput(f"no templates folder next to {package}; reinstall litcenter")
