"""Two processes allocating the last copies at once never oversell and never deadlock."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fulfilment.db import unit_of_work
from inventory.models import Allocation
from tests.integration.inventory.stockroom import add, level

ROOT = Path(__file__).resolve().parents[3]
READY_SECONDS = 60


def _race(url: str, tmp_path: Path, contenders: dict[str, list[str]], rounds: int) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = {
        name: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.inventory.contender",
                url,
                name,
                str(tmp_path),
                str(rounds),
                *codes,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, codes in contenders.items()
    }
    try:
        _wait_until_ready(tmp_path, processes)
        (tmp_path / "go").touch()
        statuses: list[str] = []
        for process in processes.values():
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
            statuses += json.loads(out)
        return statuses
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()


def _wait_until_ready(folder: Path, processes: dict[str, subprocess.Popen[str]]) -> None:
    """Every contender has imported and queried the database, so go starts them together."""
    deadline = time.monotonic() + READY_SECONDS
    waiting = dict(processes)
    while waiting:
        for name, process in list(waiting.items()):
            if (folder / f"ready-{name}").exists():
                del waiting[name]
            elif process.poll() is not None:
                _, err = process.communicate()
                pytest.fail(f"contender {name} stopped before it was ready: {err}")
        assert time.monotonic() < deadline, f"contenders {sorted(waiting)} never got ready"
        time.sleep(0.005)


def _reserved_allocations(url: str) -> int:
    with unit_of_work(url) as uow:
        query = select(func.count()).select_from(Allocation).where(Allocation.status == "reserved")
        return uow.session.scalar(query) or 0


@pytest.mark.parametrize(("shelf", "reserve", "rounds"), [(1, 0, 1), (12, 8, 15)])
def test_two_processes_never_oversell_the_last_copies(
    url: str, home: Path, tmp_path: Path, shelf: int, reserve: int, rounds: int
) -> None:
    add(url, "BR-A", home=home, shelf_qty=shelf, reserve_qty=reserve)

    statuses = _race(url, tmp_path, {"east": ["BR-A"], "west": ["BR-A"]}, rounds)

    stock = shelf + reserve
    assert statuses.count("reserved") == stock
    assert statuses.count("backordered") == 2 * rounds - stock
    line = level(url, "BR-A")
    assert (line.on_hand, line.reserved, line.available) == (stock, stock, 0)
    assert _reserved_allocations(url) == stock


def test_crossed_requests_finish_without_deadlock(url: str, home: Path, tmp_path: Path) -> None:
    add(url, "BR-X", home=home, shelf_qty=10)
    add(url, "BR-Y", home=home, shelf_qty=10)

    statuses = _race(url, tmp_path, {"east": ["BR-X", "BR-Y"], "west": ["BR-Y", "BR-X"]}, 8)

    assert len(statuses) == 32
    assert statuses.count("reserved") == 20
    for code in ("BR-X", "BR-Y"):
        line = level(url, code)
        assert (line.on_hand, line.reserved, line.available) == (10, 10, 0)
