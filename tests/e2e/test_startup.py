"""Commands people run every day start fast: none loads Prefect, the renderers or pypdf."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.support.world import demo_world

# Seconds each to import: only commands that run a flow, render or read PDFs may load them.
HEAVY = ("prefect", "reportlab", "pypdf", "fulfilment.render")

EVERY_DAY = (
    ("--help",),
    ("inquiry", "list"),
    ("inquiry", "list", "--json"),
    ("inquiry", "show", "1"),
    ("stock", "show"),
    ("batch", "list"),
    ("quarantine", "list", "--json"),
    ("scan", "--json", "P20991231-00001"),
)

# Runs each command in one fresh interpreter, as `litcenter` would, and prints what each
# newly loaded of HEAVY; a command's own output comes first, the report is the last line.
CHILD = """
import json, sys
from fulfilment.cli.main import app

heavy, commands = json.loads(sys.argv[1])
report = []
for args in commands:
    try:
        outcome = repr(app(args, standalone_mode=False))
    except SystemExit as stop:
        outcome = f"exit {stop.code}"
    except Exception as exc:
        outcome = repr(exc)
    loaded = sorted(
        name for name in sys.modules if any(name == h or name.startswith(h + ".") for h in heavy)
    )
    report.append({"args": args, "outcome": outcome, "loaded": loaded})
print(json.dumps(report))
"""


@pytest.fixture(params=["sqlite"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Start-up does not depend on the database kind."""
    return f"sqlite:///{tmp_path / 'litcenter.db'}"


def test_every_day_commands_load_neither_prefect_nor_renderers_nor_pypdf(cli: Cli) -> None:
    assert cli("init").code == 0
    demo_world(cli.database_url, cli.home)
    env = {
        **os.environ,
        "LITCENTER_HOME": str(cli.home),
        "LITCENTER_DATABASE_URL": cli.database_url,
        "COLUMNS": "200",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps([HEAVY, EVERY_DAY])],
        capture_output=True, text=True, env=env, cwd=cli.home, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    report = json.loads(done.stdout.splitlines()[-1])

    assert [entry["args"] for entry in report] == [list(args) for args in EVERY_DAY]
    # Each command did its work (scanning an unknown packet exits 1, saying so).
    assert [entry["outcome"] for entry in report] == ["0"] + ["None"] * 6 + ["exit 1"]
    assert {" ".join(entry["args"]): entry["loaded"] for entry in report} == {
        " ".join(args): [] for args in EVERY_DAY
    }
