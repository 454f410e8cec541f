"""Where a running batch reports its steps: listeners in the process that runs the flow."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

StepListener = Callable[[str], None]
# The steps the daily batch reports, in order; rendering reports each chunk as
# "render chunk N of M".
BATCH_STEPS = ("plan", "reserve", "render", "assemble", "commit")

# A flow's body runs in the process that calls it, so the CLI's progress bar listens here
# instead of being a flow parameter: Prefect stores parameters and pickles them into every
# process-pool task, and a callback cannot be pickled.
_listeners: list[StepListener] = []


@contextmanager
def listening(listener: StepListener) -> Iterator[None]:
    """Call `listener` with each step a flow in this process reports until the block ends."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def report(step: str) -> None:
    """Tell every listener which step starts now ("plan", "render chunk 2 of 5", ...)."""
    for listener in tuple(_listeners):
        listener(step)
