"""Font choice per text: Helvetica where it can print the text, else the built-in Chinese CID font."""

import re
from functools import cache

from markupsafe import Markup, escape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
CJK = "STSong-Light"

# Helvetica as ReportLab embeds it encodes WinAnsi only; anything else needs the CID font.
_NOT_WINANSI = re.compile(
    r"[^\x00-\x7f\xa0-\xff\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6"
    r"\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013"
    r"\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]+"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@cache
def register_cjk() -> str:
    """Register the CID font once per process and return its name."""
    pdfmetrics.registerFont(UnicodeCIDFont(CJK))
    return CJK


def needs_cjk(text: str) -> bool:
    return _NOT_WINANSI.search(text) is not None


def font_for(text: str, bold: bool = False) -> str:
    """The font that prints `text`: Helvetica (bold) when it can, else the CID font."""
    if needs_cjk(text):
        return register_cjk()
    return LATIN_BOLD if bold else LATIN


def font_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """`text` cut where its font changes, each piece with the font that prints it."""
    latin = LATIN_BOLD if bold else LATIN
    runs: list[tuple[str, str]] = []
    start = 0
    for run in _NOT_WINANSI.finditer(text):
        if run.start() > start:
            runs.append((text[start : run.start()], latin))
        runs.append((run.group(0), register_cjk()))
        start = run.end()
    if start < len(text):
        runs.append((text[start:], latin))
    return runs


def one_line(text: str) -> str:
    """User text on one line: control characters become spaces."""
    return _CONTROL.sub(" ", text)


def escape_text(value: object) -> Markup:
    """User data as paragraph markup that prints literally, never as tags or template source."""
    if isinstance(value, Markup):
        return value
    return escape(one_line("" if value is None else str(value)))


def wrap_cjk(text: str) -> Markup:
    """Paragraph markup with every run Helvetica cannot print set in the CID font."""
    if not needs_cjk(text):
        return Markup(text)
    font = register_cjk()
    return Markup(_NOT_WINANSI.sub(lambda run: f'<font name="{font}">{run.group(0)}</font>', text))


def markup(value: object) -> Markup:
    """User data as paragraph markup that prints literally, in fonts that have its characters."""
    return wrap_cjk(escape_text(value))
