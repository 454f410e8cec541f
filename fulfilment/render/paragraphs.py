"""Paragraphs: line breaking chosen per text, and repeated text laid out and drawn once."""

import re
from functools import cache, cached_property, lru_cache
from itertools import count

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from fulfilment.render.fonts import CJK, LATIN, LATIN_BOLD, needs_cjk
from fulfilment.render.reuse import draw_reused

_serials = count()
# The markup letters are made of: line breaks, bold, the Chinese font, escaped characters.
_TAG = re.compile(r"<br/>|</?b>|<font name=\"" + CJK + r"\">|</font>|[<>]")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&#34;": '"', "&#39;": "'", "&quot;": '"'}
_ENTITY = re.compile(r"&[^;&\s]*;?")
Line = tuple[tuple[str, str], ...]


@cache
def _cjk(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")


def _text(part: str) -> str | None:
    unknown = False

    def character(entity: re.Match[str]) -> str:
        nonlocal unknown
        found = _ENTITIES.get(entity.group(0))
        unknown = unknown or found is None
        return found or ""

    text = _ENTITY.sub(character, part)
    return None if unknown else text


def _spaced_plainly(line: str, strip: bool) -> bool:
    words = " ".join(line.split())
    if strip:
        return bool(words) and line == words
    # Character-wise breaking prints the space a template's line break leaves at either end.
    return bool(words) and line in (words, f" {words}", f"{words} ", f" {words} ")


def plain_lines(text: str, font: str, strip: bool = True) -> list[Line] | None:
    """`text` as lines of (text, font) runs when it is plain lines of the letters' markup,
    each spaced as a paragraph would space it; else None.

    `strip` drops the spaces that start or end a line, as word-wise breaking does;
    character-wise (Chinese) breaking keeps them, and such lines are left to it.
    """
    lines: list[Line] = []
    line: list[tuple[str, str]] = []
    bold = cjk = False
    start = 0
    for tag in [*_TAG.finditer(text), None]:
        end = len(text) if tag is None else tag.start()
        part = _text(text[start:end])
        if part is None:
            return None
        if part:
            current = CJK if cjk else LATIN_BOLD if bold and font == LATIN else font
            line.append((part, current))
        if tag is None or tag.group(0) == "<br/>":
            # The template's line breaks leave spaces at the ends of lines.
            if line and strip:
                line[0] = (line[0][0].lstrip(), line[0][1])
                line[-1] = (line[-1][0].rstrip(), line[-1][1])
            plain = "".join(run for run, _ in line)
            if not _spaced_plainly(plain, strip):
                return None
            lines.append(tuple(run for run in line if run[0]))
            line = []
        elif tag.group(0) in ("<b>", "</b>") and not cjk and font in (LATIN, LATIN_BOLD):
            bold = tag.group(0) == "<b>"
        elif tag.group(0).startswith("<font") and not cjk and not bold:
            cjk = True
        elif tag.group(0) == "</font>" and cjk:
            cjk = False
        else:
            return None
        start = end if tag is None else tag.end()
    return lines if not (bold or cjk) else None


class _Seen:
    """A paragraph's text and style, parsed once per process, with a serial naming it."""

    def __init__(self, text: str, style: ParagraphStyle, bullet: str | None) -> None:
        self.text = text
        # Character-wise breaking costs several times more: only Chinese text pays for it.
        self.style = _cjk(style) if needs_cjk(text) else style
        self.bullet = bullet
        self.serial = next(_serials)
        self.wrapped: tuple[float, float, float] | None = None
        # Plain lines are set directly when each fits: parsing and breaking them as a
        # paragraph costs several times more and prints the same.
        self.lines: list[Line] | None = None
        self.widest = 0.0
        style = self.style
        indented = style.leftIndent or style.firstLineIndent or style.rightIndent
        if bullet is None and style.alignment == TA_LEFT and not indented and not style.backColor:
            self.lines = plain_lines(text, style.fontName, style.wordWrap != "CJK")
        if self.lines is not None:
            size = style.fontSize
            self.widest = max(
                sum(stringWidth(run, font, size) for run, font in line) for line in self.lines
            )

    @cached_property
    def paragraph(self) -> Paragraph:
        return Paragraph(self.text, self.style, bulletText=self.bullet)

    def plain_at(self, width: float) -> bool:
        """Whether the text prints as its plain lines at `width`: each fits with room to spare."""
        return self.lines is not None and self.widest < width - 0.01

    def wrap(self, width: float) -> tuple[float, float]:
        if self.wrapped is None or self.wrapped[0] != width:
            if self.plain_at(width):
                assert self.lines is not None
                self.wrapped = (width, width, len(self.lines) * float(self.style.leading))
            else:
                result = self.paragraph.wrap(width, 1e9)
                self.wrapped = (width, float(result[0]), float(result[1]))
        return self.wrapped[1], self.wrapped[2]

    def draw(self, canvas: Canvas, width: float) -> None:
        """Draw the text wrapped at `width` with its lower left at the origin."""
        self.wrap(width)
        if not self.plain_at(width):
            self.paragraph.drawOn(canvas, 0, 0)
            return
        assert self.lines is not None and self.wrapped is not None
        style = self.style
        size, leading = style.fontSize, style.leading
        # As a paragraph draws: first baseline one font size below the top, then by leading.
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        text = canvas.beginText(0, self.wrapped[2] - size)
        current = ""
        for line in self.lines:
            for run, font in line:
                if font != current:
                    text.setFont(font, size, leading)
                    current = font
                text.textOut(run)
            text.textLine()
        canvas.drawText(text)
        canvas.restoreState()


# Per process, the least recently used paragraph dropped first: a pure function of its
# arguments, so functools' cache fits.
@lru_cache(maxsize=4096)
def _seen(text: str, style: ParagraphStyle, bullet: str | None) -> _Seen:
    return _Seen(text, style, bullet)


class SharedParagraph(Flowable):
    """A paragraph that may recur across packets: parsed and wrapped once per process, drawn
    once per document and its operators written again wherever it recurs there.

    Rendering runs in one thread per process: the cached paragraphs carry their last wrap,
    which only `wrap` changes (test_a_split_leaves_the_shared_paragraph_as_it_was).
    """

    def __init__(self, seen: _Seen) -> None:
        super().__init__()
        self.seen = seen
        self.style = seen.style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.seen.wrap(available_width)
        self.wrap_width = available_width
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # A split breaks its own paragraph, so the shared one keeps its wrap for other users.
        seen = self.seen
        own = Paragraph(seen.text, seen.style, bulletText=seen.bullet)
        own.wrap(available_width, 1e9)
        parts: list[Flowable] = own.split(available_width, available_height)
        return parts

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        width = self.wrap_width
        key = ("paragraph", self.seen.serial, width)
        draw_reused(self.canv, key, lambda canvas: self.seen.draw(canvas, width))


def paragraph(text: str, style: ParagraphStyle, bullet: str | None = None) -> SharedParagraph:
    """A paragraph of `text` in `style`, shared with every other use of the same text."""
    return SharedParagraph(_seen(str(text), style, bullet))
