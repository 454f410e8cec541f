"""A box of flowables shown at full size when they fit, else scaled down evenly until they do."""

from collections.abc import Sequence

from reportlab.platypus import Flowable

_TRIES = 4


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
        self.heights = [flowable.wrap(width, 1e9)[1] for flowable in self.content]
        spaces = sum(
            flowable.getSpaceBefore() + flowable.getSpaceAfter() for flowable in self.content
        )
        first = self.content[0].getSpaceBefore() if self.content else 0.0
        return float(sum(self.heights) + spaces - first)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        scale = 1.0
        for _ in range(_TRIES):
            needed = self._measure(self.width / scale) * scale
            if needed <= self.height:
                break
            scale *= self.height / needed * 0.995
        self.scale = scale
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.translate(0, self.height)
        canvas.scale(self.scale, self.scale)
        y = 0.0
        for index, (flowable, height) in enumerate(zip(self.content, self.heights)):
            y -= flowable.getSpaceBefore() if index else 0.0
            y -= height
            flowable.drawOn(canvas, 0, y)
            y -= flowable.getSpaceAfter()
        canvas.restoreState()
