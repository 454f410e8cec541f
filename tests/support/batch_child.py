"""One daily batch in a process of its own, for tests that kill it."""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from flows.daily_batch import run_daily_batch
from flows.progress import listening
from tests.support.world import center


class StepPause:
    """A step hook that stops the run, for good, when the flow starts the named step."""

    def __init__(self, step: str) -> None:
        self.step = step

    def __call__(self, step: str) -> None:
        if step == self.step:
            print(f"paused at {step}", flush=True)
            while True:
                time.sleep(60)


def main() -> None:
    """Run the batch and print its summary as one JSON line.

    With --pause-at STEP the run prints "paused at STEP" when the flow reaches that step and
    waits there to be killed, so a test can cut it exactly between two steps.
    """
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--date", type=date.fromisoformat, required=True)
    parser.add_argument("--pause-at", default=None)
    args = parser.parse_args()
    # Imported here: each render process imports this module again when it starts, and need
    # not load the Prefect server only this process runs.
    from flows.runtime import prefect_api

    pause = StepPause(args.pause_at) if args.pause_at else lambda step: None
    with prefect_api(), center(args.url, args.home), listening(pause):
        summary = run_daily_batch(args.date, args.out)
    json.dump(summary, sys.stdout)
    print(flush=True)


if __name__ == "__main__":
    main()
