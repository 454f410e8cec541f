"""Calls, reps and inquiry show typed in a real terminal: what a person reads, no traceback."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support.demo_center import (
    DemoCenter,
    build_demo,
    business_days_after,
    center_today,
    copy_of,
)
from tests.support.terminal import Terminal, TerminalResult


@pytest.fixture(scope="module")
def demo_center(tmp_path_factory: pytest.TempPathFactory) -> DemoCenter:
    folder = tmp_path_factory.mktemp("demo")
    return build_demo(folder, f"sqlite:///{folder / 'litcenter.db'}", None)


@pytest.fixture
def terminal(demo_center: DemoCenter, tmp_path: Path) -> Terminal:
    cli = copy_of(demo_center, tmp_path)
    return Terminal(home=cli.home, database_url=cli.database_url)


def read(result: TerminalResult) -> str:
    """The screen a person read, once the command is known to have ended well."""
    assert "Traceback" not in result.text, result.screen
    assert result.code == 0, result.screen
    return result.screen


def cells(screen: str, first: str) -> list[str]:
    """The cells of the table row whose first cell is `first`."""
    for line in screen.splitlines():
        parts = [part.strip() for part in line.split("│")]
        if len(parts) > 2 and parts[1] == first:
            return parts[1:-1]
    raise AssertionError(f"no row starting {first!r} in:\n{screen}")


def heading(screen: str) -> list[str]:
    """The words of the first table heading on screen."""
    line = next(line for line in screen.splitlines() if line.startswith("┃"))
    return [part.strip() for part in line.split("┃")[1:-1]]


def test_calls_due_shows_who_to_call_and_how_to_log_it(terminal: Terminal) -> None:
    today = center_today()

    screen = read(terminal("calls", "due"))

    assert f"Calls due by {today}" in screen
    assert heading(screen) == [
        "inquiry", "due", "late", "rep", "contact", "phone", "reason", "packet", "mailed",
    ]  # fmt: skip
    late = (today - date(2026, 11, 23)).days
    assert cells(screen, "1") == [
        "1", "2026-11-23", f"{late}d", "R-WEST", "Jane Cooper / Bayview Foods",
        "+1 510 555 0101", "asked for a call", "", "",
    ]  # fmt: skip
    assert cells(screen, "8")[1:4] == ["2026-11-24", f"{late - 1}d", "R-EAST"]
    order = [line.split("│")[1].strip() for line in screen.splitlines() if line.count("│") == 10]
    assert order == ["1", "5", "11", "8"]
    assert "Log one with: litcenter calls log INQUIRY --outcome reached" in screen


def test_calls_due_for_a_rep_by_a_day_as_typed(terminal: Terminal) -> None:
    screen = read(terminal("calls", "due", "--rep", "r-cn", "--date", "31 December 2099"))

    assert "Calls due by 2099-12-31 for r-cn" in screen
    rows = [line for line in screen.splitlines() if line.count("│") == 10]
    assert len(rows) == 3
    assert all("R-CN" in row and "P" in row for row in rows)
    assert "王伟 / 上海华东化工有限公司" in screen


def test_logging_calls_says_what_comes_next(terminal: Terminal) -> None:
    retry_on = business_days_after(center_today(), 2)

    unanswered = read(terminal("calls", "log", "5", "--outcome", "no-answer"))
    reached = read(terminal("calls", "log", "5", "--outcome", "reached", "--rating", "7"))

    assert f"Inquiry 5: no answer; contact is a prospect; next call {retry_on} (try 2 of 4)" in (
        unanswered
    )
    assert "Inquiry 5: reached, rated 7/10; contact is a prospect; no further call booked" in (
        reached
    )


def test_a_refused_call_log_is_one_error_line_on_the_screen(terminal: Terminal) -> None:
    result = terminal("calls", "log", "5", "--outcome", "reached", "--rating", "11")

    assert result.code == 1
    assert "Traceback" not in result.text
    lines = [line for line in result.screen.splitlines() if line.strip()]
    assert lines == ["error: --rating 11 is outside 1-10; rate the chance to close 1-10"]


def test_reps_list_shows_territories_open_calls_and_who_retired(terminal: Terminal) -> None:
    today = center_today()
    before = read(terminal("reps", "list"))
    assert heading(before) == [
        "code", "name", "phone", "territory", "calendar", "open calls", "status",
    ]  # fmt: skip
    west = cells(before, "R-WEST")
    assert west[1:3] == ["Maria Lopez", "+1 415 555 0134"]
    assert "region CA" in west[3] and west[4:] == ["US", "2", "active"]

    moved = read(terminal("reps", "retire", "R-WEST", "--to", "R-US"))
    after = read(terminal("reps", "list"))

    assert "R-WEST -> R-US: 2 open calls" in moved and "R-WEST is retired" in moved
    assert cells(after, "R-WEST")[5:] == ["0", f"retired {today}"]
    assert cells(after, "R-US")[5:] == ["3", "active"]
    codes = [line.split("│")[1].strip() for line in after.splitlines() if line.count("│") == 8]
    assert codes[-1] == "R-WEST", "retired reps come last"


def test_inquiry_show_prints_the_packet_the_next_call_and_the_calls(terminal: Terminal) -> None:
    today = center_today()
    tomorrow = today + timedelta(days=1)
    read(terminal("calls", "log", "11", "--outcome", "meeting set", "--rating", "9",
                  "--notes", "visit booked", "--next", "tomorrow"))  # fmt: skip

    screen = read(terminal("inquiry", "show", "11"))

    assert re.search(rf"^packet +P\d{{8}}-\d{{5}} \(printed {today}\)$", screen, re.MULTILINE)
    assert re.search(
        rf"^next call +{tomorrow} by R-DE \(next step after meeting set\)$", screen, re.MULTILINE
    )
    assert "Calls" in screen and "Timeline" in screen
    assert heading(screen) == ["due", "status", "rep", "called", "outcome", "rating", "notes"]
    done = cells(screen, "2026-11-23")
    assert done[1:3] == ["done", "R-DE"]
    assert done[3].startswith(str(today))
    assert done[4:] == ["meeting set", "9", "visit booked"]
    assert cells(screen, str(tomorrow))[1:3] == ["open", "R-DE"]
