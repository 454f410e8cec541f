"""Start the daily batch, the CLI or a Dask process in a process group of its own; wait or kill."""

import json
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Self

from flows import QUIET

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 300


@dataclass
class ChildProcess:
    """A child in its own process group, so a kill takes its pool workers with it."""

    process: subprocess.Popen[str]
    log: Path

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process.poll() is None:
            self.kill()

    def wait_for(self, line: str, *, timeout: float = TIMEOUT) -> None:
        """Block until the process prints `line`; fail if it ends or takes too long first."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready:
                printed = self.process.stdout.readline()
                if printed.strip() == line:
                    return
                if not printed:
                    break
        raise AssertionError(f"the child never printed {line!r}:\n{self.errors()}")

    def kill(self) -> None:
        """SIGKILL the whole run: the flow's process, its pool workers, anything they started."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)

    def finish(self, *, timeout: float = TIMEOUT) -> tuple[int, str]:
        """Wait for the run to end; returns its exit status and what it printed on stdout."""
        try:
            stdout, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"the child took over {timeout} s:\n{self.errors()}") from None
        return self.process.returncode, stdout

    def summary(self) -> dict[str, Any]:
        """The summary of a run that must succeed."""
        code, stdout = self.finish()
        assert code == 0, self.errors()
        result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
        return result

    def errors(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-5000:]


def current_api_url() -> str:
    """The Prefect API this process reports to: under the test harness, the session's server."""
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value())


def environment(api_url: str, **extra: str) -> dict[str, str]:
    """This environment with the given Prefect API, quiet Prefect logs and `extra` added."""
    return {**os.environ, **QUIET, "PREFECT_API_URL": api_url, **extra}


def start(command: list[str], *, env: dict[str, str], log: Path) -> ChildProcess:
    """Run a Python module of this project in a new process group; stderr goes to `log`."""
    with log.open("w", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", *command], cwd=ROOT, env=env, text=True,
            stdout=subprocess.PIPE, stderr=errors, start_new_session=True,
        )  # fmt: skip
    return ChildProcess(process, log)


def start_batch(
    url: str,
    home: Path,
    out: Path,
    *,
    day: date,
    env: dict[str, str],
    log: Path,
    pause_at: str | None = None,
) -> ChildProcess:
    """`run_daily_batch` in a child process, optionally stopping at the start of one step."""
    command = ["tests.support.batch_child", "--url", url, "--home", str(home),
               "--out", str(out), "--date", day.isoformat()]  # fmt: skip
    if pause_at:
        command += ["--pause-at", pause_at]
    return start(command, env=env, log=log)
