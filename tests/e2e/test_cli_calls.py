"""litcenter calls, reps handover/retire and inquiry show on the demo center, as staff use them."""

import itertools
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_one_line_error
from tests.support.demo_center import (
    DemoCenter,
    build_demo,
    business_days_after,
    center_today,
    copy_of,
)
from tests.support.postgres import create_database
from tests.support.samples import write_csv

FAR = "2099-12-31"
CALL_KEYS = {
    "id", "inquiry_id", "external_id", "external_ids", "rep", "rep_name", "due", "days_overdue",
    "reason", "attempt", "contact", "packet", "packet_status", "mailed",
}  # fmt: skip
_names = itertools.count(1)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def demo_center(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> DemoCenter:
    """`litcenter demo` once per database kind; each test works on a copy."""
    folder = tmp_path_factory.mktemp(f"demo-{request.param}")
    if request.param == "sqlite":
        return build_demo(folder, f"sqlite:///{folder / 'litcenter.db'}", None)
    server = request.getfixturevalue("postgres_server")
    url = create_database(server, f"demo_{os.getpid()}_{next(_names)}")
    return build_demo(folder, url, server)


@pytest.fixture
def demo(demo_center: DemoCenter, tmp_path: Path) -> Cli:
    return copy_of(demo_center, tmp_path)


def due(cli: Cli, *args: str) -> list[dict[str, Any]]:
    result = cli("calls", "due", *args, "--json")
    assert result.code == 0, result.stderr
    calls: list[dict[str, Any]] = result.json()["calls"]
    return calls


def call_of(cli: Cli, inquiry_id: int) -> dict[str, Any]:
    [call] = [call for call in due(cli, "--date", FAR) if call["inquiry_id"] == inquiry_id]
    return call


def shown(cli: Cli, inquiry_id: int) -> dict[str, Any]:
    result = cli("inquiry", "show", str(inquiry_id), "--json")
    assert result.code == 0, result.stderr
    view: dict[str, Any] = result.json()
    return view


def logged(cli: Cli, inquiry_id: int, *args: str) -> dict[str, Any]:
    result = cli("calls", "log", str(inquiry_id), *args, "--json")
    assert result.code == 0, result.stderr
    entry: dict[str, Any] = result.json()
    return entry


def test_calls_due_today_are_the_asked_for_calls_most_overdue_first(demo: Cli) -> None:
    today = center_today()
    result = demo("calls", "due", "--json")

    assert result.code == 0, result.stderr
    document = result.json()
    assert document["date"] == today.isoformat()
    calls = document["calls"]
    # Four contacts asked for a call; each asked twice, and gets the one call.
    assert [(c["inquiry_id"], c["external_id"], c["rep"], c["due"]) for c in calls] == [
        (1, "WEB-1001", "R-WEST", "2026-11-23"),
        (5, "WEB-1005", "R-US", "2026-11-23"),
        (11, "WEB-1011", "R-DE", "2026-11-23"),
        (8, "WEB-1008", "R-EAST", "2026-11-24"),
    ]
    first = calls[0]
    assert CALL_KEYS <= set(first)
    assert first["external_ids"] == ["WEB-1001"]
    assert first["reason"] == "asked for a call"
    assert first["days_overdue"] == (today - date(2026, 11, 23)).days
    assert first["contact"]["name"] == "Jane Cooper"
    assert first["contact"]["phone"] == "+1 510 555 0101"
    assert first["contact"]["stage"] == "prospect"


def test_calls_due_by_a_later_day_holds_the_packet_calls_in_due_order(demo: Cli) -> None:
    calls = due(demo, "--date", FAR)

    dues = [call["due"] for call in calls]
    assert len(calls) == 13
    assert dues == sorted(dues)
    assert all(len(call["due"]) == 10 and date.fromisoformat(call["due"]) for call in calls)
    fox = next(call for call in calls if call["inquiry_id"] == 17)
    # The packet answers both of Robert Fox's inquiries, in the order received.
    assert fox["external_ids"] == ["WEB-1017", "WEB-1002"]
    assert (fox["rep"], fox["reason"], fox["packet_status"], fox["mailed"]) == (
        "R-SF", "buying now", "printed", None,
    )  # fmt: skip
    assert fox["packet"].startswith("P")
    # Printed today, counted from the 3 days in the post, then the 2 days for "buying now".
    assert fox["due"] == business_days_after(center_today(), 5).isoformat()


def test_calls_due_for_one_rep_in_any_case(demo: Cli) -> None:
    east = due(demo, "--rep", "R-EAST", "--date", FAR)

    assert [call["inquiry_id"] for call in east] == [8, 22, 19]
    assert {call["rep"] for call in east} == {"R-EAST"}
    assert due(demo, "--rep", "r-east", "--date", FAR) == east
    assert due(demo, "--rep", "R-SW", "--date", FAR) == []


def test_an_unknown_rep_or_day_is_one_line(demo: Cli) -> None:
    assert_one_line_error(demo("calls", "due", "--rep", "R-NOPE"), "R-NOPE", "R-WEST")
    assert_one_line_error(demo("calls", "due", "--date", "someday"), "--date", "someday")


def test_scanning_a_packet_counts_its_call_from_today(demo: Cli) -> None:
    today = center_today()
    before = call_of(demo, 17)
    assert before["due"] == business_days_after(today, 5).isoformat()

    scanned = demo("scan", before["packet"], "--json")

    assert scanned.code == 0, scanned.stderr
    assert scanned.json() == [{"number": before["packet"], "outcome": "mailed"}]
    after = call_of(demo, 17)
    assert after["due"] == business_days_after(today, 2).isoformat()
    assert (after["packet_status"], after["mailed"]) == ("mailed", today.isoformat())
    # Both inquiries the packet answers show the new date.
    for inquiry_id in (17, 2):
        view = shown(demo, inquiry_id)
        assert view["next_call_on"] == after["due"]
        assert view["next_call"] == {"due": after["due"], "rep": "R-SF", "reason": "buying now"}
    plain = demo("inquiry", "show", "2").stdout
    assert f"{before['packet']} (mailed {today})" in plain


def test_no_answer_books_the_next_try_until_the_fourth(demo: Cli) -> None:
    retry_on = business_days_after(center_today(), 2)

    first = demo("calls", "log", "5", "--outcome", "no-answer")
    second_try = call_of(demo, 5)["id"]

    assert first.code == 0, first.stderr
    assert first.stdout.strip() == (
        f"Inquiry 5: no answer; contact is a prospect; next call {retry_on} (try 2 of 4)"
    )
    assert logged(demo, 5, "--outcome", "no answer") == {
        "call_id": second_try,
        "inquiry_id": 5,
        "outcome": "no answer",
        "rating": None,
        "stage": "prospect",
        "next_call": retry_on.isoformat(),
        "next_reason": "try 3 of 4",
    }
    third = logged(demo, 5, "--outcome", "left-message")
    assert (third["outcome"], third["next_call"], third["next_reason"]) == (
        "left message", retry_on.isoformat(), "try 4 of 4",
    )  # fmt: skip
    assert call_of(demo, 5)["attempt"] == 4

    fourth = demo("calls", "log", "5", "--outcome", "no-answer")

    assert fourth.code == 0, fourth.stderr
    assert fourth.stdout.strip().endswith("; no further call booked")
    assert all(call["inquiry_id"] != 5 for call in due(demo, "--date", FAR))
    view = shown(demo, 5)
    assert view["next_call"] is None and view["next_call_on"] is None
    assert [(c["status"], c["outcome"]) for c in view["calls"]] == [
        ("done", "no answer"), ("done", "no answer"), ("done", "left message"),
        ("done", "no answer"),
    ]  # fmt: skip
    assert "no answer after 4 tries" in view["timeline"][-1]["detail"]


@pytest.mark.parametrize("spelling", ["meeting-set", "meeting_set", "meeting set", "Meeting Set"])
def test_an_outcome_in_any_spelling(demo: Cli, spelling: str) -> None:
    entry = logged(demo, 11, "--outcome", spelling, "--rating", "8")

    assert (entry["outcome"], entry["rating"], entry["stage"]) == ("meeting set", 8, "key prospect")
    assert entry["next_call"] is None
    view = shown(demo, 11)
    assert view["calls"][0]["outcome"] == "meeting set"
    assert view["rating"] == 8
    assert view["contact"]["stage"] == "key prospect"


def test_next_as_staff_type_it_books_that_day(demo: Cli) -> None:
    wanted = center_today() + timedelta(days=11)
    typed = f"{wanted:%b} {wanted.day}"  # "Dec 15" on 2026-12-04

    entry = logged(
        demo, 1, "--outcome", "meeting set", "--rating", "7", "--notes", "site visit", "--next",
        typed,
    )  # fmt: skip

    assert (entry["next_call"], entry["next_reason"]) == (
        wanted.isoformat(), "next step after meeting set",
    )  # fmt: skip
    call = call_of(demo, 1)
    assert (call["due"], call["rep"], call["reason"]) == (
        wanted.isoformat(), "R-WEST", "next step after meeting set",
    )  # fmt: skip
    done = shown(demo, 1)["calls"][0]
    assert (done["status"], done["rating"], done["notes"]) == ("done", 7, "site visit")


def test_a_won_call_keeps_its_amount_and_makes_a_customer(demo: Cli) -> None:
    entry = logged(demo, 8, "--outcome", "won", "--rating", "10", "--amount", "12,500.50")

    assert entry["stage"] == "customer"
    call = shown(demo, 8)["calls"][0]
    assert (call["outcome"], call["rating"], float(call["amount"])) == ("won", 10, 12500.50)
    # A customer stays a customer, whatever a later call says.
    assert logged(demo, 8, "--outcome", "not-interested", "--rating", "1")["stage"] == "customer"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--outcome", "reached", "--rating", "0"), ("--rating 0", "1-10")),
        (("--outcome", "reached", "--rating", "11"), ("--rating 11", "1-10")),
        (("--outcome", "busy"), ("'busy'", "meeting-set")),
        (("--outcome", "reached", "--rating", "5", "--next", "2026-12-01"), ("in the past",)),
        (("--outcome", "reached", "--rating", "5", "--next", "yesterday"), ("in the past",)),
        (("--outcome", "reached", "--rating", "5", "--next", "someday"), ("'someday'",)),
        (("--outcome", "reached", "--rating", "5", "--amount", "100"), ("--amount", "reached")),
        (("--outcome", "won", "--rating", "9", "--amount", "lots"), ("--amount 'lots'",)),
        (("--outcome", "reached"), ("--rating",)),
        (("--outcome", "meeting-set"), ("--rating",)),
    ],
)
def test_a_refused_call_log_is_one_line_and_stores_nothing(
    demo: Cli, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    before = shown(demo, 5)
    calls_before = due(demo, "--date", FAR)

    assert_one_line_error(demo("calls", "log", "5", *args), *fragments)

    assert shown(demo, 5) == before
    assert due(demo, "--date", FAR) == calls_before


def test_a_call_about_no_inquiry_is_one_line(demo: Cli) -> None:
    assert_one_line_error(
        demo("calls", "log", "999", "--outcome", "reached", "--rating", "5"), "no inquiry 999"
    )


def _californian(external_id: str, name: str) -> dict[str, str]:
    return {
        "external_id": external_id, "received_at": "2026-12-01T10:00:00", "name": name,
        "company": f"{name} Produce", "address1": "1 Main St", "city": "Fresno", "region": "CA",
        "postcode": "93721", "country": "US", "email": f"{external_id.lower()}@produce.example",
        "products": "PMP-100", "response": "mail",
    }  # fmt: skip


def _rep_of(cli: Cli, external_id: str) -> str:
    listed = cli("inquiry", "list", "--json")
    assert listed.code == 0, listed.stderr
    [rep] = [row["rep"] for row in listed.json() if row["external_id"] == external_id]
    return str(rep)


def _reps(cli: Cli) -> dict[str, dict[str, Any]]:
    listed = cli("reps", "list", "--json")
    assert listed.code == 0, listed.stderr
    return {rep["code"]: rep for rep in listed.json()["reps"]}


def test_retiring_a_rep_gives_their_calls_and_territory_to_another(
    demo: Cli, tmp_path: Path
) -> None:
    today = center_today()
    before = write_csv(tmp_path / "before.csv", [_californian("CA-1", "Ana Ruiz")])
    assert demo("import", str(before)).code == 0
    assert _rep_of(demo, "CA-1") == "R-WEST"
    west = {call["inquiry_id"] for call in due(demo, "--rep", "R-WEST", "--date", FAR)}
    us = {call["inquiry_id"] for call in due(demo, "--rep", "R-US", "--date", FAR)}
    assert west and us and not west & us

    retired = demo("reps", "retire", "R-WEST", "--to", "R-US", "--json")

    assert retired.code == 0, retired.stderr
    document = retired.json()
    assert (document["from"], document["to"], document["retired"], document["calls"]) == (
        "R-WEST", "R-US", True, len(west),
    )  # fmt: skip
    taken = due(demo, "--rep", "R-US", "--date", FAR)
    assert {call["inquiry_id"] for call in taken} == west | us
    assert {call["rep"] for call in taken} == {"R-US"}
    assert due(demo, "--rep", "R-WEST", "--date", FAR) == []
    reps = _reps(demo)
    assert reps["R-WEST"]["active"] is False
    assert reps["R-WEST"]["retired_at"].startswith(today.isoformat())
    assert reps["R-WEST"]["open_calls"] == 0
    assert reps["R-US"]["open_calls"] == len(west | us)
    for inquiry_id in west:
        view = shown(demo, inquiry_id)
        assert view["rep"]["code"] == "R-US"
        assert view["next_call"]["rep"] == "R-US"
        assert view["timeline"][-1]["kind"] == "handed over"
        assert view["timeline"][-1]["detail"] == "from rep R-WEST to rep R-US"
    plain = demo("reps", "list")
    assert plain.code == 0 and f"retired {today}" in plain.stdout

    after = write_csv(tmp_path / "after.csv", [_californian("CA-2", "Ben Ortiz")])
    assert demo("import", str(after)).code == 0
    assert _rep_of(demo, "CA-2") == "R-US"


def test_retiring_a_rep_moves_the_next_call_of_every_inquiry_the_packet_answers(
    demo: Cli,
) -> None:
    # Jenny Wilson asked twice (WEB-1021, WEB-1006); one packet and one call answer both.
    call = call_of(demo, 21)
    assert call["external_ids"] == ["WEB-1021", "WEB-1006"]
    assert shown(demo, 6)["next_call"]["rep"] == "R-WEST"

    assert demo("reps", "retire", "R-WEST", "--to", "R-US").code == 0

    view = shown(demo, 6)
    assert [c["rep"] for c in view["calls"] if c["status"] == "open"] == ["R-US"]
    assert view["next_call"]["rep"] == "R-US"


def test_handover_is_refused_to_oneself_twice_and_to_or_from_a_retired_rep(demo: Cli) -> None:
    assert_one_line_error(demo("reps", "handover", "R-US", "R-US"), "R-US", "themselves")
    handed = demo("reps", "handover", "R-EAST", "R-US")
    assert handed.code == 0, handed.stderr
    assert "R-EAST -> R-US" in handed.stdout
    assert due(demo, "--rep", "R-EAST", "--date", FAR) == []
    assert_one_line_error(demo("reps", "handover", "R-EAST", "R-SF"), "R-EAST", "handed")
    assert demo("reps", "retire", "R-WEST", "--to", "R-US").code == 0
    reps = _reps(demo)
    calls = due(demo, "--date", FAR)

    assert_one_line_error(demo("reps", "handover", "R-WEST", "R-US"), "R-WEST", "retired")
    assert_one_line_error(demo("reps", "handover", "R-UK", "R-WEST"), "R-WEST", "retired")
    assert_one_line_error(demo("reps", "retire", "R-UK", "--to", "R-NOPE"), "R-NOPE")

    assert _reps(demo) == reps
    assert due(demo, "--date", FAR) == calls


def test_inquiry_show_prints_the_next_call_and_the_calls_made(demo: Cli) -> None:
    today = center_today()
    retry_on = business_days_after(today, 2, country="DE")
    assert demo("calls", "log", "11", "--outcome", "no-answer").code == 0
    assert demo("calls", "log", "11", "--outcome", "reached", "--rating", "6",
                "--notes", "wants a quote", "--next", "tomorrow").code == 0  # fmt: skip

    result = demo("inquiry", "show", "11")

    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    tomorrow = today + timedelta(days=1)
    assert f"next call    {tomorrow} by R-DE (next step after reached)" in lines
    assert any(line.startswith("packet       P") and f"(printed {today})" in line for line in lines)
    rows = {line.split("│")[1].strip(): line for line in lines if line.count("│") == 8}
    assert set(rows) == {"2026-11-23", str(retry_on), str(tomorrow)}
    heading = next(line for line in lines if "┃" in line and "due" in line)
    for column in ("due", "status", "rep", "called", "outcome", "rating", "notes"):
        assert column in heading
    cells = [cell.strip() for cell in rows[str(retry_on)].split("│")[1:-1]]
    assert cells[0:3] == [str(retry_on), "done", "R-DE"]
    assert cells[4:] == ["reached", "6", "wants a quote"]
    assert [cell.strip() for cell in rows[str(tomorrow)].split("│")[1:4]] == [
        str(tomorrow), "open", "R-DE",
    ]  # fmt: skip
