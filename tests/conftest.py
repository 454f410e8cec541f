"""Fixtures: a database on SQLite and on a real PostgreSQL, a litcenter home, the CLI."""

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fulfilment.schema import migrate
from tests.support.postgres import create_database, server_binaries, throwaway_cluster

_database_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One PostgreSQL cluster for the session; skipped only where no server is installed."""
    if server_binaries() is None:
        if os.environ.get("LITCENTER_REQUIRE_POSTGRES") == "1":
            pytest.fail(
                "PostgreSQL is required here but not installed (apt-get install postgresql)"
            )
        pytest.skip("PostgreSQL server not installed (apt-get install postgresql)")
    with throwaway_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind, not yet migrated."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'litcenter.db'}"
    server = request.getfixturevalue("postgres_server")
    return create_database(server, f"test_{os.getpid()}_{next(_database_names)}")


@pytest.fixture
def database_url(blank_database_url: str) -> str:
    """An empty database of each kind, migrated to the newest schema."""
    migrate(blank_database_url)
    return blank_database_url


@dataclass
class CliResult:
    """What one run of the litcenter command printed and returned."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def assert_one_line_error(result: CliResult, *fragments: str) -> None:
    """The command failed with one `error:` line naming each fragment, and printed nothing else."""
    assert result.code == 1, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@dataclass
class Cli:
    """Runs the installed litcenter command in a home folder against one database."""

    home: Path
    database_url: str

    def __call__(self, *args: str, stdin: str | None = None) -> CliResult:
        env = {
            **os.environ,
            "LITCENTER_HOME": str(self.home),
            "LITCENTER_DATABASE_URL": self.database_url,
            "COLUMNS": "200",
        }
        done = subprocess.run(
            [sys.executable, "-m", "fulfilment", *args],
            capture_output=True, text=True, env=env, input=stdin, timeout=120, check=False,
        )  # fmt: skip
        return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli(tmp_path: Path, blank_database_url: str) -> Cli:
    """The CLI on a fresh home and a blank database: `litcenter init` comes first."""
    return Cli(home=tmp_path / "home", database_url=blank_database_url)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for every flow test of the session."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
