"""Paragraphs: line breaking chosen per text, and repeated text laid out and drawn once."""

from functools import cache, cached_property, lru_cache
from itertools import count
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from fulfilment.render.fonts import needs_cjk

_serials = count()
# Which shared paragraphs each document has drawn in place once already.
_drawn_once: "WeakKeyDictionary[Canvas, set[str]]" = WeakKeyDictionary()


@cache
def _cjk(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")


class _Seen:
    """A paragraph's text and style, parsed once per process, with a serial naming its form."""

    def __init__(self, text: str, style: ParagraphStyle, bullet: str | None) -> None:
        self.text = text
        # Character-wise breaking costs several times more: only Chinese text pays for it.
        self.style = _cjk(style) if needs_cjk(text) else style
        self.bullet = bullet
        self.serial = next(_serials)
        self.wrapped: tuple[float, float, float] | None = None

    @cached_property
    def paragraph(self) -> Paragraph:
        return Paragraph(self.text, self.style, bulletText=self.bullet)

    def wrap(self, width: float) -> tuple[float, float]:
        if self.wrapped is None or self.wrapped[0] != width:
            result = self.paragraph.wrap(width, 1e9)
            self.wrapped = (width, float(result[0]), float(result[1]))
        return self.wrapped[1], self.wrapped[2]


@lru_cache(maxsize=4096)
def _seen(text: str, style: ParagraphStyle, bullet: str | None) -> _Seen:
    return _Seen(text, style, bullet)


class SharedParagraph(Flowable):
    """A paragraph that may recur across packets: parsed and wrapped once per process, drawn
    in place where it first appears in a document and as one form wherever it recurs there.

    Rendering runs in one thread per process: the cached paragraphs carry their last wrap.
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
        self.seen.wrapped = None
        parts: list[Flowable] = self.seen.paragraph.split(available_width, available_height)
        return parts

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        canvas = self.canv
        name = f"para{self.seen.serial}w{round(self.wrap_width * 100)}"
        self.seen.wrap(self.wrap_width)
        if canvas.hasForm(name):
            canvas.doForm(name)
            return
        drawn = _drawn_once.setdefault(canvas, set())
        if name not in drawn:
            drawn.add(name)
            self.seen.paragraph.drawOn(canvas, 0, 0)
            return
        # The bullet hangs left of the text: the form's box leaves room on every side.
        width, height = self.width, self.height
        canvas.beginForm(name, -width, -height, 2 * width, 2 * height)
        self.seen.paragraph.drawOn(canvas, 0, 0)
        canvas.endForm()
        canvas.doForm(name)


def paragraph(text: str, style: ParagraphStyle, bullet: str | None = None) -> Flowable:
    """A paragraph of `text` in `style`, shared with every other use of the same text."""
    return SharedParagraph(_seen(str(text), style, bullet))
