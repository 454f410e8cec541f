"""The home's background Prefect server: its record, health check, start and stop; no Prefect."""

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from fulfilment.errors import BadInput, LitcenterError

HOST = "127.0.0.1"
# A first start migrates a new database: 15-60 s on a small machine, more when it is busy.
START_TIMEOUT = 180.0
# Prefect's server shuts down in a second or two on SIGTERM; past this it is killed.
STOP_TIMEOUT = 20.0
# A local server answers /health in milliseconds, even while a batch reports to it.
HEALTH_TIMEOUT = 3.0


class ServerDidNotStart(LitcenterError):
    """The Prefect server process exited or did not answer in time."""


@dataclass(frozen=True)
class BackgroundServer:
    """One Prefect server started for a home, as its record file describes it."""

    pid: int
    port: int
    api_url: str
    started_at: str

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")


@dataclass(frozen=True)
class Found:
    """The server if it answers, and whether a stale record was removed on the way."""

    server: BackgroundServer | None
    cleared_stale: bool


def server_folder(home: Path) -> Path:
    """Where the server keeps its data (PREFECT_HOME), its record and its log."""
    return home.resolve() / "prefect"


def log_path(home: Path) -> Path:
    return server_folder(home) / "server.log"


def record_path(home: Path) -> Path:
    return server_folder(home) / "server.json"


def running_server(home: Path) -> BackgroundServer | None:
    """The home's background server when it is up, else None (a stale record is removed)."""
    return find(home).server


def find(home: Path) -> Found:
    """Read the home's record and check the server answers; clear the record if it is stale.

    A start or stop under way holds the lock and settles the record itself, so a stale one is
    only removed here when the lock is free and the record is still the one read.
    """
    recorded, usable = _inspect(home)
    if recorded is None or usable is not None:
        return Found(server=usable, cleared_stale=False)
    with _lock(home, wait=False) as held:
        if not held or _read_text(home) != recorded:
            return Found(server=None, cleared_stale=False)
        record_path(home).unlink(missing_ok=True)
    return Found(server=None, cleared_stale=True)


def start_server(home: Path, port: int | None = None) -> tuple[BackgroundServer, bool]:
    """Start the home's server unless one is up; the server and whether it was already up."""
    try:
        server_folder(home).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(
            f"cannot create {server_folder(home)} ({exc.strerror or exc}); "
            "set LITCENTER_HOME to a folder you can write to"
        ) from exc
    with _lock(home, wait=True):
        found = _settle(home)
        if found.server is not None:
            return found.server, True
        chosen = _usable_port(port)
        api_url = _api_url(chosen)
        process = _spawn(home, chosen)
        try:
            _wait_until_up(home, process, api_url)
        except BaseException:
            # Failed, timed out or Ctrl-C: a half-started server would hold its port unrecorded.
            if process.poll() is None:
                _end(process.pid)
            raise
        server = BackgroundServer(
            pid=process.pid,
            port=chosen,
            api_url=api_url,
            started_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        )
        _write(home, server)
        return server, False


def stop_server(home: Path) -> Found:
    """Stop the home's server if it is up and remove its record; what was found."""
    if not record_path(home).exists():
        return Found(server=None, cleared_stale=False)
    with _lock(home, wait=True):
        found = _settle(home)
        if found.server is not None:
            _end(found.server.pid)
            record_path(home).unlink(missing_ok=True)
        return found


def _answers(api_url: str) -> bool:
    """True when a Prefect API answers GET <api_url>/health with `true`."""
    # Loaded here, not with the CLI: with ssl and email it costs every command 40 ms.
    import http.client

    # Only URLs of the form _api_url() writes come here: the host, a port and the path.
    address, _, path = api_url.removeprefix("http://").partition("/")
    connection = http.client.HTTPConnection(address, timeout=HEALTH_TIMEOUT)
    try:
        connection.request("GET", f"/{path}/health")
        response = connection.getresponse()
        return response.status == 200 and json.loads(response.read()) is True
    except (OSError, http.client.HTTPException, ValueError):
        return False
    finally:
        connection.close()


def _inspect(home: Path) -> tuple[str | None, BackgroundServer | None]:
    """The record's text and, when its process is alive and answers, the server it names."""
    text = _read_text(home)
    if text is None:
        return None, None
    server = _parse(text)
    if server is not None and _alive(server.pid) and _answers(server.api_url):
        return text, server
    return text, None


def _parse(text: str) -> BackgroundServer | None:
    """The server a record names; None for a file that is not a record (edited, truncated)."""
    try:
        data = json.loads(text)
        server = BackgroundServer(
            pid=int(data["pid"]),
            port=int(data["port"]),
            api_url=str(data["api_url"]),
            started_at=str(data["started_at"]),
        )
    except (ValueError, TypeError, KeyError):
        return None
    # Signals to pid 0 or below reach whole process groups, this command's own among them;
    # and a server is only ever started on loopback, where its URL says.
    if server.pid <= 0 or server.api_url != _api_url(server.port):
        return None
    return server


def _api_url(port: int) -> str:
    return f"http://{HOST}:{port}/api"


def _settle(home: Path) -> Found:
    """find(), for a caller that holds the lock."""
    recorded, usable = _inspect(home)
    if recorded is not None and usable is None:
        record_path(home).unlink(missing_ok=True)
        return Found(server=None, cleared_stale=True)
    return Found(server=usable, cleared_stale=False)


def _read_text(home: Path) -> str | None:
    try:
        return record_path(home).read_text(encoding="utf-8")
    # Not there, or a file stands where the home should be: either way no server is recorded.
    except (FileNotFoundError, NotADirectoryError):
        return None


def _write(home: Path, server: BackgroundServer) -> None:
    # Written aside and renamed: a reader sees the whole record or none.
    partial = record_path(home).with_suffix(".json.tmp")
    partial.write_text(json.dumps(asdict(server), indent=2), encoding="utf-8")
    partial.replace(record_path(home))


@contextmanager
def _lock(home: Path, *, wait: bool) -> Iterator[bool]:
    """Hold the home's server lock for the block; yields False if not waiting and it is taken."""
    with (server_folder(home) / "server.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _usable_port(port: int | None) -> int:
    """The port asked for once nothing listens there, else one the system has free."""
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port or 0))
        except OSError:
            raise BadInput(
                f"port {port} on {HOST} is in use; give another with --port or leave it out"
            ) from None
        chosen: int = probe.getsockname()[1]
        return chosen


def _spawn(home: Path, port: int) -> "subprocess.Popen[bytes]":
    env = {
        **os.environ,
        "PREFECT_HOME": str(server_folder(home)),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The UI calls PREFECT_API_URL, else port 4200, whatever --port says: point it here.
        "PREFECT_UI_API_URL": _api_url(port),
    }
    # The server is its own API; a client setting pointing elsewhere means nothing to it.
    env.pop("PREFECT_API_URL", None)
    with log_path(home).open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            # Its own session: it outlives this command and a Ctrl-C in this terminal.
            start_new_session=True,
        )  # fmt: skip


def _wait_until_up(home: Path, process: "subprocess.Popen[bytes]", api_url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(api_url):
        status = process.poll()
        if status is not None:
            raise ServerDidNotStart(
                f"the Prefect server exited with status {status} before answering; "
                f"its log is {log_path(home)}"
            )
        if time.monotonic() > deadline:
            raise ServerDidNotStart(
                f"the Prefect server did not answer within {START_TIMEOUT:.0f} s and was "
                f"stopped; its log is {log_path(home)}"
            )
        time.sleep(0.25)


def _end(pid: int) -> None:
    """Terminate the server's process group, wait for it, kill it if it lingers."""
    for sent, patience in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, 5.0)):
        try:
            # The group the server leads (start_new_session): anything it started goes too.
            os.killpg(pid, sent)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + patience
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not _alive(pid):
            return


def _alive(pid: int) -> bool:
    """True while the process exists and has not exited (a zombie waiting for its parent has)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # It exists, under another user.
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        # No /proc (macOS): the signal above is all there is to go on.
        return True
    # The state follows the command name in parentheses, which may itself hold spaces.
    return stat.rpartition(")")[2].split()[0] != "Z"
