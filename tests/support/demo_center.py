"""The demo center (`litcenter demo`) made once per database kind and copied for each test."""

import itertools
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from tests.conftest import Cli

# The default profile's time zone: the center's today is the day there.
CENTER_ZONE = ZoneInfo("America/Chicago")
_clones = itertools.count(1)


def center_today() -> date:
    return datetime.now(CENTER_ZONE).date()


def business_days_after(start: date, days: int, country: str = "US") -> date:
    """The day `days` working days after start: no weekends, no public holidays."""
    closed = holidays.country_holidays(country, years=range(start.year, start.year + 3))
    day = start
    while days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            days -= 1
    return day


@dataclass(frozen=True)
class DemoCenter:
    """A demo center built once: its home, its database, and what `demo --json` printed."""

    home: Path
    database_url: str
    server: str | None
    loaded: dict[str, Any]


def build_demo(folder: Path, database_url: str, server: str | None) -> DemoCenter:
    cli = Cli(home=folder / "home", database_url=database_url)
    made = cli("demo", "--json")
    assert made.code == 0, made.stderr[-3000:]
    return DemoCenter(cli.home, database_url, server, made.json())


def copy_of(demo: DemoCenter, folder: Path) -> Cli:
    """The CLI on a copy of the demo's home and database, for one test to change."""
    home = folder / "home"
    shutil.copytree(demo.home, home, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
    if demo.server is None:
        source_path = demo.database_url.removeprefix("sqlite:///")
        target = folder / "litcenter.db"
        with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return Cli(home=home, database_url=f"sqlite:///{target}")
    import psycopg

    name = f"demo_copy_{os.getpid()}_{next(_clones)}"
    template = demo.database_url.rsplit("/", 1)[1]
    plain = demo.server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return Cli(home=home, database_url=f"{demo.server}/{name}")
