"""The home's background Prefect server: start, status, runs report to it, stop, stale records."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from fulfilment.prefect_home import record_path, running_server
from tests.conftest import Cli

# Runs a one-task flow inside prefect_api(), as a batch run does, and prints the URL it used.
PING = """
from prefect import flow

from flows.runtime import prefect_api


@flow(name="litcenter-ping")
def ping() -> int:
    return 1


with prefect_api() as url:
    ping()
print(url)
"""


def _ended(pid: int) -> bool:
    # Where nothing reaps orphans (some containers' init), an ended server stays a zombie.
    try:
        return bool(psutil.Process(pid).status() == psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return True


def _servers_of(home: Path) -> list[psutil.Process]:
    folder = str(home.resolve() / "prefect")
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            serving = "server" in process.cmdline() and process.status() != psutil.STATUS_ZOMBIE
            if serving and process.environ().get("PREFECT_HOME") == folder:
                found.append(process)
    return found


def _cli(home: Path) -> Cli:
    # The prefect commands need no database: none is initialised here.
    return Cli(home=home, database_url=f"sqlite:///{home / 'litcenter.db'}")


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cli, dict[str, Any]]]:
    """One background server for the module's tests, stopped at the end whatever happened."""
    cli = _cli(tmp_path_factory.mktemp("prefect") / "home")
    with pytest.MonkeyPatch.context() as patch:
        # A configured API would take precedence over the home's server.
        patch.delenv("PREFECT_API_URL", raising=False)
        try:
            result = cli("prefect", "start", "--json")
            assert result.code == 0, result.stderr
            yield cli, result.json()
        finally:
            cli("prefect", "stop")
            # A start that timed out may leave a server no record names yet.
            for process in _servers_of(cli.home):
                process.kill()


def test_start_records_the_server_and_status_reports_it_up(
    started: tuple[Cli, dict[str, Any]],
) -> None:
    cli, server = started
    assert server["already_running"] is False
    assert server["api_url"] == f"http://127.0.0.1:{server['port']}/api"
    assert (cli.home / "prefect" / "prefect.db").exists(), "its database lives in the home"

    status = cli("prefect", "status", "--json")

    assert status.code == 0, status.stderr
    assert status.json()["up"] is True
    assert status.json()["api_url"] == server["api_url"]
    assert status.json()["ui_url"] == f"http://127.0.0.1:{server['port']}"
    with urllib.request.urlopen(f"{status.json()['ui_url']}/ui-settings", timeout=10) as answer:
        assert json.load(answer)["api_url"] == server["api_url"], "the UI calls this server"


def test_a_run_reports_to_the_background_server(started: tuple[Cli, dict[str, Any]]) -> None:
    cli, server = started
    env = {**os.environ, "LITCENTER_HOME": str(cli.home)}

    done = subprocess.run(
        [sys.executable, "-c", PING],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == server["api_url"], "no temporary server of its own"
    query = json.dumps({"flows": {"name": {"any_": ["litcenter-ping"]}}}).encode()
    request = urllib.request.Request(
        f"{server['api_url']}/flow_runs/filter",
        data=query,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        runs = json.load(response)
    assert [run["state_type"] for run in runs] == ["COMPLETED"]


def test_starting_again_says_it_is_already_running(started: tuple[Cli, dict[str, Any]]) -> None:
    cli, server = started

    again = cli("prefect", "start")

    assert again.code == 0, again.stderr
    assert f"already running at {server['api_url']}" in again.stdout
    assert cli("prefect", "status", "--json").json()["pid"] == server["pid"]


def test_stop_ends_the_server_and_removes_its_record(started: tuple[Cli, dict[str, Any]]) -> None:
    cli, server = started

    stopped = cli("prefect", "stop", "--json")

    assert stopped.code == 0, stopped.stderr
    assert stopped.json() == {"stopped": True, "pid": server["pid"], "stale_cleared": False}
    assert not record_path(cli.home).exists()
    assert _ended(server["pid"])
    assert cli("prefect", "status", "--json").json() == {"up": False, "stale_cleared": False}


@pytest.fixture(params=["exited", "unrelated", "not a record"])
def stale_home(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Path, "subprocess.Popen[bytes]"]]:
    """A home whose record names a process that exited, or a live `sleep` with a port nothing
    listens on, or is not a record at all; with the `sleep`, which must survive the clearing."""
    home = tmp_path / "home"
    record_path(home).parent.mkdir(parents=True)
    sleeper = subprocess.Popen(["sleep", "300"])
    try:
        if request.param == "exited":
            sleeper.kill()
            sleeper.wait()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        record = {
            "pid": sleeper.pid,
            "port": port,
            "api_url": f"http://127.0.0.1:{port}/api",
            "started_at": "2026-11-23T08:00:00+00:00",
        }
        text = "{" if request.param == "not a record" else json.dumps(record)
        record_path(home).write_text(text)
        yield home, sleeper
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.parametrize("command", ["status", "stop"])
def test_a_stale_record_is_reported_as_not_running_and_cleared(
    stale_home: tuple[Path, "subprocess.Popen[bytes]"], command: str
) -> None:
    home, sleeper = stale_home
    was_running = sleeper.poll() is None

    result = _cli(home)("prefect", command, "--json")

    assert result.code == 0, result.stderr
    assert result.json()["stale_cleared"] is True
    assert result.json().get("up", result.json().get("stopped")) is False
    assert not record_path(home).exists()
    assert (sleeper.poll() is None) == was_running, "an unrelated process is never signalled"


def test_runs_do_not_use_a_stale_record(stale_home: tuple[Path, "subprocess.Popen[bytes]"]) -> None:
    home, _ = stale_home
    assert running_server(home) is None
    assert not record_path(home).exists()


def test_a_port_in_use_or_a_server_that_fails_is_one_line_naming_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = _cli(tmp_path / "home")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = cli("prefect", "start", "--port", str(port))
    assert busy.code == 1
    assert busy.stderr == (
        f"error: port {port} on 127.0.0.1 is in use; give another with --port or leave it out\n"
    )

    monkeypatch.setenv(
        "PREFECT_SERVER_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{tmp_path}/none/x.db"
    )
    failed = cli("prefect", "start")

    log = cli.home / "prefect" / "server.log"
    assert failed.code == 1
    assert failed.stderr.startswith("error: the Prefect server exited with status ")
    assert failed.stderr.endswith(f"; its log is {log}\n")
    assert failed.stderr.count("\n") == 1
    assert "unable to open database file" in log.read_text()
    assert not record_path(cli.home).exists()
