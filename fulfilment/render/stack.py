"""Flowables a frame would set one under another, laid out and drawn as one flowable."""

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Spacer

from fulfilment.render.paragraphs import SharedParagraph
from fulfilment.render.reuse import draw_reused

# Frame's tolerance when it checks that a flowable ends above its bottom.
_FUZZ = 1e-6


def _part_key(flowable: Flowable) -> object:
    """What a flowable draws, where drawing it again repeats it; None where it may not."""
    if isinstance(flowable, SharedParagraph):
        return flowable.seen.serial
    if isinstance(flowable, Spacer):
        return ("space", flowable.height)
    return None


class Stack(Flowable):
    """Set where all of it fits, as the frame would set its flowables one by one: each
    flowable's space before overlaps the space after the one above.

    Where it does not fit, `split` hands the frame what it would have set piece by piece
    (`together`: what KeepTogether hands it), so pages break where the flowables would
    (test_a_stack_breaks_pages_where_its_flowables_would). One flowable in place of many
    saves the frame's work per flowable on every letter.
    """

    def __init__(self, content: Sequence[Flowable], *, together: bool = False) -> None:
        super().__init__()
        self.content = list(content)
        self.together = together
        self.tops: list[float] = []
        self.heights: list[float] = []
        self.key: tuple[object, ...] | None = None

    def getSpaceBefore(self) -> float:
        return float(self.content[0].getSpaceBefore()) if self.content else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.content[-1].getSpaceAfter()) if self.content else 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        y = 0.0
        after = 0.0
        self.tops, self.heights = [], []
        for index, flowable in enumerate(self.content):
            if index:
                y -= max(flowable.getSpaceBefore() - after, 0.0)
            self.tops.append(y)
            self.heights.append(float(flowable.wrap(available_width, available_height)[1]))
            y -= self.heights[-1]
            after = flowable.getSpaceAfter()
            y -= after
        self.width, self.height = available_width, -(y + after)
        parts = [_part_key(flowable) for flowable in self.content]
        if None not in parts:
            self.key = ("stack", *parts, available_width)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self.together:
            together = KeepTogether(self.content)
            together._frame = self._frame
            together.canv = self.canv
            return list(together.split(available_width, available_height))
        if not self.content:
            return []
        first, rest = self.content[0], self.content[1:]
        following = [Stack(rest)] if rest else []
        if first.wrap(available_width, available_height)[1] <= available_height + _FUZZ:
            return [first, *following]
        # As the frame asks a flowable to split: with itself and the canvas at hand.
        first._frame, first.canv = self._frame, self.canv
        try:
            parts = list(first.split(available_width, available_height))
        finally:
            del first._frame, first.canv
        return [*parts, *following] if parts else []

    def draw(self) -> None:
        if self.key is None:
            self._draw()
            return
        draw_reused(self.canv, self.key, lambda canvas: self._draw())

    def _draw(self) -> None:
        for flowable, top, height in zip(self.content, self.tops, self.heights, strict=True):
            flowable.drawOn(self.canv, 0, self.height + top - height)
