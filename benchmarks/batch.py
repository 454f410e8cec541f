"""Daily batch benchmark: N synthetic inquiries to printed packets, against bare canvas pages."""

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any, Self

import psutil
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.render import bare_pages
from flows.daily_batch import run_daily_batch, task_runner
from fulfilment.db import engine_for
from fulfilment.schema import head_revision, migrate
from tests.support.world import center

DAY = date(2026, 11, 24)
PRINTER_FEEDS = ("letters", "envelopes", "labels")
SAMPLE_SECONDS = 0.02


def database_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'litcenter.db'}"


def world(inquiries: int, worlds: Path) -> Path:
    """The folder of a built world of this size, built now unless an identical one is kept."""
    # Imported here and not at the top: each render process imports this module again when it
    # starts, and should not pay for what only the process running the batch uses.
    from tests.support import synthetic

    source = Path(synthetic.__file__).read_bytes()
    key = f"{inquiries}-{head_revision()}-{hashlib.sha256(source).hexdigest()[:12]}"
    folder = worlds / key
    if folder.is_dir():
        return folder
    worlds.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=worlds))
    url = database_url(building)
    migrate(url)
    synthetic.synthetic_world(url, building / "home", inquiries=inquiries)
    # Closing the last connection folds SQLite's write-ahead log into the file we copy.
    engine_for(url).dispose()
    building.rename(folder)
    return folder


class TreeMemory:
    """Peak resident memory of this process and every process it started, sampled in a thread."""

    def __init__(self, steps: "StepClock") -> None:
        self.peak_total = 0
        self.peak_main = 0
        self.peak_main_by_step: dict[str, int] = {}
        self._steps = steps
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            main = me.memory_info().rss
            total = main
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    continue
            self.peak_total = max(self.peak_total, total)
            self.peak_main = max(self.peak_main, main)
            step = self._steps.current
            self.peak_main_by_step[step] = max(self.peak_main_by_step.get(step, 0), main)
            self._stop.wait(SAMPLE_SECONDS)


class StepClock:
    """Seconds spent in each step of the flow, from the step hook's calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._step = ""
        self._since = time.perf_counter()

    def __call__(self, step: str) -> None:
        self.stop()
        self._step = "render" if step.startswith("render") else step

    @property
    def current(self) -> str:
        """The step running now; before the first, the flow's start."""
        return self._step or "start"

    def stop(self) -> None:
        now = time.perf_counter()
        if self._step:
            self.seconds[self._step] = self.seconds.get(self._step, 0.0) + now - self._since
        self._since = now


def warm_up() -> None:
    """One trivial flow on the batch's task runner, so Prefect's first-run costs are not timed."""
    # Here rather than at the top: `flows`, imported first, sets the quiet defaults Prefect reads.
    from prefect import flow, task

    @task
    def nothing() -> int:
        return 1

    @flow
    def warm() -> int:
        return nothing.submit().result()

    warm.with_options(task_runner=task_runner())()


def run(inquiries: int, worlds: Path) -> dict[str, Any]:
    """Time one batch of a fresh copy of the world of this size.

    The world (demo catalogue, ample stock, N inquiries in US, GB, DE and CN) is built once per
    N into `worlds`; building and copying it is not timed. `seconds` is the wall time of
    `run_daily_batch`, plan to commit, after one trivial flow has warmed Prefect up;
    `floor_seconds` is bare ReportLab drawing the same number of printer pages in this one
    process afterwards. `peak_rss_mb` sums the resident memory of this process and all its
    descendants (process-pool workers, the Prefect server), sampled with psutil every 20 ms;
    `peak_main_rss_mb` is this process alone, also per step.
    """
    from flows.progress import listening  # here for the reason given in world()
    from flows.runtime import prefect_api

    built = world(inquiries, worlds)
    with tempfile.TemporaryDirectory(prefix="litcenter-bench-") as name:
        folder = Path(name) / "center"
        shutil.copytree(built, folder)
        url = database_url(folder)
        with prefect_api(), center(url, folder / "home"):
            warm_up()
            steps = StepClock()
            with TreeMemory(steps) as memory, listening(steps):
                started = time.perf_counter()
                summary = run_daily_batch(DAY, folder / "out")
                seconds = time.perf_counter() - started
                steps.stop()
        pages = sum(len(PdfReader(summary["files"][feed]).pages) for feed in PRINTER_FEEDS)
    started = time.perf_counter()
    bare_pages(pages)
    floor = time.perf_counter() - started
    return {
        "inquiries": inquiries,
        "packets": summary["packets"],
        "pages": pages,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(memory.peak_total / 2**20),
        "floor_seconds": round(floor, 2),
        "ratio": round(seconds / floor, 2),
        "peak_main_rss_mb": round(memory.peak_main / 2**20),
        "steps": {step: round(spent, 2) for step, spent in steps.seconds.items()},
        "steps_peak_main_rss_mb": {
            step: round(peak / 2**20) for step, peak in memory.peak_main_by_step.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, epilog=run.__doc__)
    parser.add_argument("--inquiries", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument(
        "--worlds",
        type=Path,
        default=Path(tempfile.gettempdir()) / "litcenter-bench-worlds",
        help="where built worlds are kept between runs",
    )
    args = parser.parse_args()
    result = run(args.inquiries, args.worlds)
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>18}  {value}")


if __name__ == "__main__":
    main()
