"""Side-by-side columns of flowables that reflow at whatever width they are given."""

from collections.abc import Sequence

from reportlab.platypus import Flowable


def stack_height(flowables: Sequence[Flowable], width: float) -> list[float]:
    """Wrap each flowable at `width`; return their heights in order."""
    return [float(flowable.wrap(width, 1e9)[1]) for flowable in flowables]


def spaced_total(flowables: Sequence[Flowable], heights: Sequence[float]) -> float:
    """Height of a stack: the flowables plus the space between them, none above the first."""
    spaces = sum(flowable.getSpaceBefore() + flowable.getSpaceAfter() for flowable in flowables)
    first = flowables[0].getSpaceBefore() if flowables else 0.0
    return float(sum(heights) + spaces - first)


def draw_stack(
    flowables: Sequence[Flowable], heights: Sequence[float], canvas: object, x: float, top: float
) -> None:
    """Draw a wrapped stack downwards from `top`."""
    y = top
    for index, (flowable, height) in enumerate(zip(flowables, heights, strict=True)):
        y -= flowable.getSpaceBefore() if index else 0.0
        y -= height
        flowable.drawOn(canvas, x, y)
        y -= flowable.getSpaceAfter()


class Columns(Flowable):
    """Columns of equal width with a gap between them, as tall as the tallest."""

    def __init__(self, columns: Sequence[Sequence[Flowable]], gap: float) -> None:
        super().__init__()
        self.columns = [list(column) for column in columns]
        self.gap = gap
        self.heights: list[list[float]] = []
        self.column_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        count = max(len(self.columns), 1)
        self.column_width = (available_width - self.gap * (count - 1)) / count
        self.heights = [stack_height(column, self.column_width) for column in self.columns]
        self.width = available_width
        self.height = max(
            (spaced_total(column, heights) for column, heights in zip(self.columns, self.heights)),
            default=0.0,
        )
        return self.width, self.height

    def draw(self) -> None:
        for index, (column, heights) in enumerate(zip(self.columns, self.heights)):
            x = index * (self.column_width + self.gap)
            draw_stack(column, heights, self.canv, x, self.height)
