"""Runs the litcenter command in a pseudo-terminal, as staff do, and keeps what the screen got."""

import errno
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

COLUMNS, LINES = 160, 50

# CSI sequences (colours, cursor moves, erase line, hide cursor), OSC (titles, links), and the
# two-byte escapes; what is left is the text a person reads.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
# Variables that would make Rich draw as if there were no terminal, or draw differently.
_TERMINAL_OVERRIDES = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def strip_ansi(raw: str) -> str:
    """The terminal output without escape sequences, lines ending in plain newlines."""
    return _ANSI.sub("", raw).replace("\r\n", "\n")


@dataclass
class TerminalResult:
    """What one run of the command returned and wrote to its terminal (stdout and stderr)."""

    code: int
    raw: str

    @property
    def text(self) -> str:
        return strip_ansi(self.raw)

    @property
    def screen(self) -> str:
        """The lines as they stay on screen: each is what follows its last carriage return."""
        return "\n".join(line.rsplit("\r", 1)[-1].rstrip() for line in self.text.split("\n"))


def live_text(raw: str) -> str:
    """What was drawn while Rich's live display (a progress bar, a spinner) was up.

    Rich hides the cursor while it redraws a live display in place and shows it again after;
    without a terminal it draws nothing of the kind, so this is empty.
    """
    shown = re.findall(r"\x1b\[\?25l(.*?)(?:\x1b\[\?25h|$)", raw, re.DOTALL)
    return "\n".join(strip_ansi(part) for part in shown)


@dataclass
class Terminal:
    """Runs `python -m fulfilment` with a pseudo-terminal as stdin, stdout and stderr."""

    home: Path
    database_url: str

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in _TERMINAL_OVERRIDES}
        return {
            **env,
            "LITCENTER_HOME": str(self.home),
            "LITCENTER_DATABASE_URL": self.database_url,
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            "PREFECT_LOGGING_LEVEL": "WARNING",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        }

    def __call__(self, *args: str, timeout: float = 300) -> TerminalResult:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "fulfilment", *args],
                stdin=slave, stdout=slave, stderr=slave, env=self.environment(),
                start_new_session=True,
            )  # fmt: skip
        finally:
            os.close(slave)
        try:
            raw = _read_until_exit(master, child, timeout)
        finally:
            os.close(master)
        return TerminalResult(child.returncode, raw.decode("utf-8", errors="replace"))


def _read_until_exit(master: int, child: subprocess.Popen[bytes], timeout: float) -> bytes:
    """Everything written to the terminal until the child has exited and the buffer is empty.

    A pseudo-terminal holds only a few kilobytes, so it is read while the child runs; once the
    child is gone, what it wrote is all in the buffer. Helpers it started (a Prefect server,
    render processes) may keep the terminal open, so the end is the child's exit, not EOF.
    """
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while True:
        exited = child.poll() is not None
        wait = 0 if exited else min(0.5, max(0.0, deadline - time.monotonic()))
        ready, _, _ = select.select([master], [], [], wait)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError as exc:  # EIO: every writer has closed the terminal
                if exc.errno != errno.EIO:
                    raise
                chunk = b""
            if chunk:
                chunks.append(chunk)
                continue
            child.wait(timeout=max(1.0, deadline - time.monotonic()))
            return b"".join(chunks)
        if exited:
            return b"".join(chunks)
        if time.monotonic() >= deadline:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            seen = strip_ansi(b"".join(chunks).decode("utf-8", errors="replace"))
            raise TimeoutError(f"{child.args} still running after {timeout} s; it wrote:\n{seen}")
