"""A box of flowables shown at full size when they fit, else scaled down evenly until they do."""

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from fulfilment.render.columns import draw_stack, spaced_total, stack_height
from fulfilment.render.lru import LRU
from fulfilment.render.paragraphs import SharedParagraph
from fulfilment.render.reuse import draw_reused

# A box of shared paragraphs recurs on many pages (the cross-sell page's top): its scale
# and heights are measured once per process, and its operators are repeated where it recurs
# in a document. The least recently used goes first, as in the paragraphs' own cache.
_layouts: LRU[tuple[object, ...], tuple[float, list[float]]] = LRU(1024)

_TRIES = 6
# Scales this close look the same; stopping early saves wraps on every packet.
_CLOSE_ENOUGH = 0.02


class FitBox(Flowable):
    """Like KeepInFrame's shrink mode, but wraps its content once when it fits, and draws it
    from that wrap instead of wrapping again."""

    def __init__(self, content: Sequence[Flowable], width: float, height: float) -> None:
        super().__init__()
        self.content = list(content)
        self.width = width
        self.height = height
        self.scale = 1.0
        self.heights: list[float] = []
        shared = [flowable for flowable in self.content if isinstance(flowable, SharedParagraph)]
        self.key: tuple[object, ...] | None = None
        if len(shared) == len(self.content):
            self.key = (*(flowable.seen.serial for flowable in shared), width, height)
        self.measured = False

    def _measure(self, width: float) -> float:
        self.heights = stack_height(self.content, width)
        self.measured = True
        return spaced_total(self.content, self.heights)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        known = _layouts.get(self.key) if self.key is not None else None
        if known is not None:
            self.scale, self.heights = known
            return self.width, self.height
        self._fit()
        if self.key is not None:
            _layouts.put(self.key, (self.scale, self.heights))
        return self.width, self.height

    def _fit(self) -> None:
        needed = self._measure(self.width)
        if needed <= self.height:
            self.scale = 1.0
            return
        # Shrunk content is laid out wider and so wraps into fewer lines: the scale that
        # fits the unshrunk layout always fits; search between it and full size.
        fits, too_big, measured = self.height / needed, 1.0, 1.0
        for _ in range(_TRIES):
            if too_big - fits < _CLOSE_ENOUGH:
                break
            measured = (fits + too_big) / 2
            if self._measure(self.width / measured) * measured <= self.height:
                fits = measured
            else:
                too_big = measured
        if measured != fits:
            self._measure(self.width / fits)
        self.scale = fits

    def draw(self) -> None:
        if self.key is None:
            self._draw(self.canv)
            return
        draw_reused(self.canv, ("fitbox", *self.key), self._draw)

    def _draw(self, canvas: Canvas) -> None:
        if not self.measured:
            self._measure(self.width / self.scale)
        canvas.saveState()
        canvas.translate(0, self.height)
        canvas.scale(self.scale, self.scale)
        draw_stack(self.content, self.heights, canvas, 0, 0)
        canvas.restoreState()
