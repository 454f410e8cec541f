"""CLI benchmark: everyday commands' start-up and a small day's batch run, against bare imports."""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The environment a user's shell would give each command, taken before anything imported here
# sets Prefect's quiet defaults; no PREFECT_API_URL, so the home's own server is what counts.
USER_ENV = {name: value for name, value in os.environ.items() if name != "PREFECT_API_URL"}
TYPER = (sys.executable, "-c", "import typer")
PREFECT = (sys.executable, "-c", "import prefect")
# What any command reading the database imports before doing anything: Typer parses options
# with pydantic, and the views are SQLAlchemy's ORM.
LIBRARIES = (sys.executable, "-c", "import typer, pydantic, sqlalchemy.orm")


def litcenter() -> tuple[str, ...]:
    """The installed `litcenter` script beside this Python, as staff run it."""
    script = Path(sys.executable).with_name("litcenter")
    found = str(script) if script.is_file() else shutil.which("litcenter")
    return (found,) if found else (sys.executable, "-m", "fulfilment")


def timed(command: tuple[str, ...], env: dict[str, str]) -> tuple[float, str]:
    """Wall time and output of one run of the command, which must succeed."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    spent = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return spent, done.stdout


def paired(
    command: tuple[str, ...], baseline: tuple[str, ...], env: dict[str, str], runs: int
) -> dict[str, float]:
    """Medians of the command and its baseline, run in turns so both see the same machine."""
    spent: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        floor.append(timed(baseline, env)[0])
        spent.append(timed(command, env)[0])
    median, base = statistics.median(spent), statistics.median(floor)
    return {
        "seconds": round(median, 3),
        "baseline_seconds": round(base, 3),
        "ratio": round(median / base, 2),
    }


class Day:
    """A built world of N inquiries: one home, and a fresh copy of its database per batch run."""

    def __init__(self, built: Path, folder: Path) -> None:
        from tests.support.world import write_profile

        self.built, self.folder = built, folder
        self.home = folder / "home"
        shutil.copytree(built / "home", self.home)
        write_profile(self.home)
        self.copies = 0

    def env(self, database: Path) -> dict[str, str]:
        return {
            **USER_ENV,
            "LITCENTER_HOME": str(self.home),
            "LITCENTER_DATABASE_URL": f"sqlite:///{database}",
        }

    def fresh(self) -> Path:
        """A copy of the world's database with every inquiry still waiting."""
        self.copies += 1
        run = self.folder / f"run-{self.copies}"
        run.mkdir()
        shutil.copyfile(self.built / "litcenter.db", run / "litcenter.db")
        return run / "litcenter.db"


def batch_runs(day: Day, runs: int, business_date: str) -> dict[str, Any]:
    """Medians of `batch run --json` on fresh copies of the day, each paired with the baseline."""
    spent: list[float] = []
    floor: list[float] = []
    packets: set[int] = set()
    for _ in range(runs):
        database = day.fresh()
        env = day.env(database)
        floor.append(timed(PREFECT, env)[0])
        out = str(database.parent / "out")
        seconds, printed = timed(
            (*litcenter(), "batch", "run", "--json", "--date", business_date, "--out", out), env
        )
        spent.append(seconds)
        packets.add(json.loads(printed)["packets"])
    median, base = statistics.median(spent), statistics.median(floor)
    return {
        "seconds": round(median, 2),
        "baseline_seconds": round(base, 2),
        "ratio": round(median / base, 2),
        "packets": sorted(packets),
    }


def prefect_server(action: str, env: dict[str, str]) -> None:
    """`litcenter prefect start|stop` for the home in env: its one background server."""
    timed((*litcenter(), "prefect", action, "--json"), env)


def run(inquiries: int, runs: int, worlds: Path) -> dict[str, Any]:
    """Start-up and batch figures, each a median of `runs` against a baseline run in turn.

    `help` and `inquiry_list` are `litcenter --help` and `litcenter inquiry list --json`
    (over the day's N inquiries) against `python -c "import typer"`; the target is a ratio of
    at most 3. `libraries` is the import of typer, pydantic and SQLAlchemy's ORM on the same
    baseline: the least a command that reads the database can cost. `batch_server_up` and `batch_no_server` are `litcenter batch run --json` for a
    day of N inquiries on a fresh copy of its database, against `python -c "import prefect"`:
    with the home's background server up (`litcenter prefect start`; target <= 3), and without
    one, when each run starts a temporary server for itself. Building the world (the demo
    catalogue, ample stock, N inquiries; kept in `worlds` between runs) is not timed.
    """
    # Here rather than at the top: benchmarks.batch imports Prefect, which sets its defaults.
    from benchmarks.batch import DAY, world

    built = world(inquiries, worlds)
    with tempfile.TemporaryDirectory(prefix="litcenter-bench-cli-") as name:
        day = Day(built, Path(name))
        listing = day.env(day.fresh())
        result: dict[str, Any] = {
            "inquiries": inquiries,
            "runs": runs,
            "help": paired((*litcenter(), "--help"), TYPER, listing, runs),
            "inquiry_list": paired(
                (*litcenter(), "inquiry", "list", "--json"), TYPER, listing, runs
            ),
            "libraries": paired(LIBRARIES, TYPER, listing, runs),
            "batch_no_server": batch_runs(day, runs, DAY.isoformat()),
        }
        prefect_server("start", listing)
        try:
            result["batch_server_up"] = batch_runs(day, runs, DAY.isoformat())
        finally:
            prefect_server("stop", listing)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, epilog=run.__doc__)
    parser.add_argument("--inquiries", type=int, default=30)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument(
        "--worlds",
        type=Path,
        default=Path(tempfile.gettempdir()) / "litcenter-bench-worlds",
        help="where built worlds are kept between runs",
    )
    args = parser.parse_args()
    result = run(args.inquiries, args.runs, args.worlds)
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>16}  {value}")


if __name__ == "__main__":
    main()
