"""A box of flowables shown at full size when they fit, else scaled down evenly until they do."""

from collections.abc import Sequence

from reportlab.platypus import Flowable

from fulfilment.render.columns import draw_stack, spaced_total, stack_height

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

    def _measure(self, width: float) -> float:
        self.heights = stack_height(self.content, width)
        return spaced_total(self.content, self.heights)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        needed = self._measure(self.width)
        if needed <= self.height:
            self.scale = 1.0
            return self.width, self.height
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
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.translate(0, self.height)
        canvas.scale(self.scale, self.scale)
        draw_stack(self.content, self.heights, canvas, 0, 0)
        canvas.restoreState()
