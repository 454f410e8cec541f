"""Logging calls: outcomes, ratings with their history, the contact's stage, retries, the next
call; a refused entry stores nothing."""

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from fulfilment.calls.log import CallEntry, log_call
from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput, NotFound
from fulfilment.models import Contact, Event, FollowUp, Inquiry
from fulfilment.views import inquiry_show
from tests.integration.calls.test_calls_booked import row, world
from tests.support.world import PROFILE

# Friday 4 December 2026, and the Monday after.
FRIDAY = datetime(2026, 12, 4, 10, 0)
MONDAY = datetime(2026, 12, 7, 9, 30)


@pytest.fixture
def caller(database_url: str, tmp_path: Path) -> int:
    """An inquiry that asked for a call, received and imported on Friday."""
    world(database_url, tmp_path / "home", [row("C-1", "Cal Caller", response="call")],
          now=FRIDAY, literature=False)  # fmt: skip
    with unit_of_work(database_url) as uow:
        return int(uow.session.scalar(select(Inquiry.id)) or 0)


def log(url: str, inquiry_id: int, entry: CallEntry, now: datetime = MONDAY) -> dict[str, object]:
    with unit_of_work(url) as uow:
        logged = log_call(uow, inquiry_id, entry, profile=PROFILE, now=now)
    return {"outcome": logged.outcome, "stage": logged.stage, "next": logged.next_call,
            "reason": logged.next_reason}  # fmt: skip


def shown(url: str, inquiry_id: int) -> dict[str, object]:
    with unit_of_work(url) as uow:
        return inquiry_show(uow.session, inquiry_id)


def test_an_unanswered_call_is_tried_again_until_the_fourth_try(
    database_url: str, caller: int
) -> None:
    tries = [
        log(database_url, caller, CallEntry(outcome=outcome), now=now)
        for outcome, now in [
            ("no answer", MONDAY),
            ("left-message", datetime(2026, 12, 9, 9)),
            ("No_Answer", datetime(2026, 12, 11, 9)),
            ("no answer", datetime(2026, 12, 15, 9)),
        ]
    ]
    assert [(t["next"], t["reason"]) for t in tries] == [
        (date(2026, 12, 9), "try 2 of 4"),
        (date(2026, 12, 11), "try 3 of 4"),
        (date(2026, 12, 15), "try 4 of 4"),
        (None, ""),
    ]
    view = shown(database_url, caller)
    assert view["next_call"] is None
    assert [c["outcome"] for c in view["calls"]] == [  # type: ignore[attr-defined]
        "no answer", "left message", "no answer", "no answer",
    ]  # fmt: skip
    assert "no answer after 4 tries" in view["timeline"][-1]["detail"]  # type: ignore[index]


def test_ratings_are_kept_per_call_and_outcomes_move_the_contact(
    database_url: str, caller: int
) -> None:
    first = log(database_url, caller, CallEntry(
        outcome="meeting set", rating=6, notes="visit on site", next_on=date(2026, 12, 14),
    ))  # fmt: skip
    assert (first["stage"], first["next"]) == ("key prospect", date(2026, 12, 14))
    won = log(database_url, caller, CallEntry(outcome="won", rating=9, amount="12,500.00"),
              now=datetime(2026, 12, 14, 15))  # fmt: skip
    assert (won["stage"], won["next"]) == ("customer", None)
    lost = log(database_url, caller, CallEntry(outcome="not interested", rating=2),
               now=datetime(2026, 12, 15, 15))  # fmt: skip
    assert lost["stage"] == "customer", "one call does not make a customer dead"

    view = shown(database_url, caller)
    calls = view["calls"]
    assert [(c["outcome"], c["rating"], c["amount"]) for c in calls] == [  # type: ignore[attr-defined]
        ("meeting set", 6, None), ("won", 9, "12500.00"), ("not interested", 2, None),
    ]  # fmt: skip
    assert view["rating"] == 2 and view["next_call"] is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (CallEntry(outcome="reached", rating=0), "--rating 0 is outside 1-10"),
        (CallEntry(outcome="reached", rating=11), "--rating 11 is outside 1-10"),
        (CallEntry(outcome="reached"), "needs --rating"),
        (CallEntry(outcome="maybe", rating=5), "outcome 'maybe' is not one of"),
        (CallEntry(outcome="reached", rating=5, next_on=date(2026, 12, 4)), "is in the past"),
        (CallEntry(outcome="reached", rating=5, amount="100"), "--amount is the value of a won"),
        (CallEntry(outcome="won", rating=5, amount="lots"), "--amount 'lots' is not a number"),
        (CallEntry(outcome="won", rating=5, amount="-3"), "must be between 0 and"),
    ],
)
def test_a_refused_entry_is_one_line_and_stores_nothing(
    database_url: str, caller: int, entry: CallEntry, message: str
) -> None:
    def stored() -> tuple[object, ...]:
        with unit_of_work(database_url) as uow:
            session = uow.session
            return (
                session.execute(select(FollowUp.status, FollowUp.outcome, FollowUp.due_on)).all(),
                session.scalar(select(func.count()).select_from(Event)),
                session.scalar(select(Contact.stage)),
                session.scalar(select(Inquiry.rating)),
            )

    before = stored()
    with pytest.raises(BadInput) as refused:
        log(database_url, caller, entry)
    assert message in str(refused.value) and "\n" not in str(refused.value)
    assert stored() == before


def test_a_call_made_without_one_due_is_recorded_and_an_unknown_inquiry_refused(
    database_url: str, caller: int
) -> None:
    log(database_url, caller, CallEntry(outcome="lost", rating=1))
    again = log(database_url, caller, CallEntry(outcome="reached", rating=3))
    assert again["stage"] == "dead"
    calls = shown(database_url, caller)["calls"]
    assert [c["reason"] for c in calls] == [  # type: ignore[attr-defined]
        "asked for a call", "called without a call due",
    ]  # fmt: skip
    with pytest.raises(NotFound, match="no inquiry 999"):
        log(database_url, 999, CallEntry(outcome="reached", rating=3))


def test_the_database_keeps_one_open_call_per_inquiry(database_url: str, caller: int) -> None:
    with pytest.raises(IntegrityError), unit_of_work(database_url) as uow:
        uow.session.execute(
            text(
                "INSERT INTO follow_ups (inquiry_id, due_on, status, reason, basis, days, "
                "attempt, notes, created_at) VALUES (:inquiry, '2026-12-20', 'open', '', "
                "'logged', 0, 1, '', '2026-12-04 10:00:00')"
            ),
            {"inquiry": caller},
        )
        uow.commit()
