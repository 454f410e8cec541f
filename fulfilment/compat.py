"""The private parts of our libraries this project relies on, in one place.

Each is pinned by tests/unit/test_compat.py, which fails loudly when an upgrade moves it; the
version bounds in pyproject.toml stop at the next major release of each library.
"""

from typing import TYPE_CHECKING

# Typer vendors Click and does not re-export these (fastapi/typer discussion #1832).
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

if TYPE_CHECKING:
    from pypdf.generic import StreamObject
    from reportlab.pdfgen.canvas import Canvas

__all__ = ["ClickException", "NoArgsIsHelpError", "UsageError", "canvas_operators", "raw_stream"]


def canvas_operators(canvas: "Canvas") -> list[str]:
    """The live list of operators drawn on the canvas's current page; ReportLab has no reader.

    A new page starts a new list, so a caller can tell whether a drawing crossed a page.
    """
    operators: list[str] = canvas._code
    return operators


def raw_stream(stream: "StreamObject") -> bytes:
    """A stream's bytes as read from its file, still encoded (pypdf's get_data decodes them)."""
    data: bytes = stream._data
    return data
