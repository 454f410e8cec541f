"""A rep's call sheet from stored calls: the calls due, in order, each with its whole story."""

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import event

from fulfilment.calls.context import open_calls
from fulfilment.calls.sheet_data import CallContext, RepInfo
from fulfilment.db import engine_for, unit_of_work
from fulfilment.errors import NotFound
from fulfilment.render.call_sheet import render_call_sheet
from tests.support.call_world import CallWorld, add_calls, call_world

DAY = date(2026, 11, 30)
MARIA = RepInfo("R-WEST", "Maria Lopez")


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> CallWorld:
    return call_world(database_url, tmp_path / "home", tmp_path / "out")


def calls_of(url: str, rep: str | None, through: date | None = DAY) -> list[CallContext]:
    with unit_of_work(url) as uow:
        return open_calls(uow.session, rep_code=rep, through=through)


def sheet_pages(url: str, rep: RepInfo, day: date = DAY) -> list[str]:
    pdf = render_call_sheet(calls_of(url, rep.code, day), rep=rep, day=day, company="Example")
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(BytesIO(pdf)).pages]


def test_the_sheet_tells_the_rep_whom_to_call_about_what(world: CallWorld) -> None:
    (page,) = sheet_pages(world.url, MARIA)
    jane = page[page.index("Jane Cooper") : page.index("Jenny Wilson")]
    for expected in (
        "+1 510 555 0101", "Bayview Foods", "4 days overdue", "try 2 of 4",
        # Both inquiries the packet answers, with what each asked.
        "WEB-1001", "PMP-250 Process Pump PP-250", "VLV-40 Butterfly Valve BF-40",
        "WEB-1016", "SNS-P1 Pressure Sensor PS-1", "Wants pricing too",
        "P20261124-00001", "mailed 2026-11-24 17:30", "BR-PMP-250",
        "2026-11-25 10:15 · no answer · rating 3 · line busy all morning",
    ):  # fmt: skip
        assert expected in jane, expected
    assert jane.count("try 2") == 1
    jenny = page[page.index("Jenny Wilson") :]
    assert "not yet scanned as mailed" in jenny
    assert "Backordered, to follow: BR-PLANTWATCH" in jenny
    assert "Earlier calls none" in jenny


def test_the_most_overdue_call_comes_first_and_later_ones_wait(world: CallWorld) -> None:
    (page,) = sheet_pages(world.url, MARIA)
    assert page.index("Jane Cooper") < page.index("Jenny Wilson")
    # Due 10 December, after the sheet's day.
    assert "Leslie Alexander" not in page
    assert [call.contact.name for call in calls_of(world.url, "R-WEST", None)] == [
        "Jane Cooper", "Jenny Wilson", "Leslie Alexander",
    ]  # fmt: skip


def test_another_rep_s_calls_are_not_on_the_sheet(world: CallWorld) -> None:
    (page,) = sheet_pages(world.url, MARIA)
    for other in ("Robert Fox", "Esther Howard", "Cody Fisher"):
        assert other not in page
    # Every open call, whenever due: the others' calls are there, only not Maria's to make.
    everyone = {call.contact.name for call in calls_of(world.url, None, None)}
    assert {"Jane Cooper", "Robert Fox", "Esther Howard"} <= everyone


def test_a_day_before_any_call_is_due_is_one_page_saying_so(world: CallWorld) -> None:
    (page,) = sheet_pages(world.url, MARIA, date(2026, 11, 25))
    assert "No calls due by Wed 2026-11-25" in page
    assert "Jane Cooper" not in page


def test_thirty_calls_keep_each_block_on_one_page(world: CallWorld) -> None:
    added = add_calls(world.url, rep="R-WEST", count=30, due=date(2026, 11, 28))
    pages = sheet_pages(world.url, MARIA)
    assert len(pages) > 3
    for name, phone in added:
        (holding,) = [page for page in pages if name in page]
        assert phone in holding
    assert "Jane Cooper" in pages[0]


def test_the_calls_load_in_as_many_queries_for_thirty_as_for_two(world: CallWorld) -> None:
    def queries() -> int:
        statements: list[str] = []

        def count(*args: Any) -> None:
            statements.append(str(args[2]))

        engine = engine_for(world.url)
        event.listen(engine, "before_cursor_execute", count)
        try:
            calls_of(world.url, "R-WEST")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    few = queries()
    add_calls(world.url, rep="R-WEST", count=30, due=date(2026, 11, 28))
    assert queries() == few


def test_an_unknown_rep_names_the_reps_there_are(world: CallWorld) -> None:
    with pytest.raises(NotFound) as raised:
        calls_of(world.url, "R-NOBODY")
    message = str(raised.value)
    assert "R-NOBODY" in message and "R-WEST" in message and "\n" not in message
