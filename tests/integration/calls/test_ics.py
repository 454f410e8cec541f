"""A rep's calendar of open calls: one all-day event per call, found again by its UID."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from fulfilment.calls.context import open_calls
from fulfilment.calls.ics import calls_calendar
from fulfilment.calls.sheet_data import RepInfo
from fulfilment.db import unit_of_work
from tests.support.call_world import CallWorld, call_world

MARIA = RepInfo("R-WEST", "Maria Lopez")


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> CallWorld:
    return call_world(database_url, tmp_path / "home", tmp_path / "out")


def export(url: str, stamp: datetime) -> Calendar:
    with unit_of_work(url) as uow:
        calls = open_calls(uow.session, rep_code="R-WEST", through=None)
    return Calendar.from_ical(calls_calendar(calls, rep=MARIA, host="example.com", stamp=stamp))


def test_each_open_call_is_an_all_day_event_on_its_due_date(world: CallWorld) -> None:
    events = export(world.url, datetime(2026, 11, 30, 8, 0, tzinfo=UTC)).walk("VEVENT")
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    # Open calls only, however far ahead: Jane Cooper's unanswered call is not one of them.
    assert starts == {
        "Call Jane Cooper (Bayview Foods)": date(2026, 11, 26),
        "Call Jenny Wilson (Wilson Farms)": date(2026, 11, 27),
        "Call Leslie Alexander": date(2026, 12, 10),
    }
    jane = next(e for e in events if "Jane" in str(e["SUMMARY"]))
    assert jane.decoded("DTEND") == date(2026, 11, 27)
    description = str(jane["DESCRIPTION"])
    for expected in ("+1 510 555 0101", "try 2 of 4", "PMP-250", "SNS-P1",
                     "P20261124-00001, mailed 2026-11-24"):  # fmt: skip
        assert expected in description
    assert jane.decoded("DTSTAMP") == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_a_call_keeps_its_uid_from_one_export_to_the_next(world: CallWorld) -> None:
    def uids(stamp: datetime) -> dict[str, str]:
        return {
            str(e["UID"]): str(e["SUMMARY"]) for e in export(world.url, stamp).walk("VEVENT")
        }

    first = uids(datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    assert uids(datetime(2026, 12, 1, 9, 30, tzinfo=UTC)) == first
    assert len(first) == 3
    assert all(uid.startswith("call-") and uid.endswith("@example.com") for uid in first)
