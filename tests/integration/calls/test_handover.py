"""A rep hands over or retires: open calls, waiting inquiries and territory move in one go,
who held them is kept, nothing is deleted, and a retired rep is never assigned again."""

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fulfilment.calls.log import CallEntry, log_call
from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput, NotFound
from fulfilment.handover import hand_over
from fulfilment.intake.service import import_inquiries
from fulfilment.models import Event, FollowUp, Inquiry, Rep, RepHandover, TerritoryRule
from fulfilment.reps import list_reps
from tests.integration.calls.test_calls_booked import HEADER, row, world
from tests.support.world import PROFILE

FRIDAY = datetime(2026, 12, 4, 10, 0)
MONDAY = datetime(2026, 12, 7, 9, 0)


@pytest.fixture
def west(database_url: str, tmp_path: Path) -> str:
    """Three California callers of Maria Lopez (R-WEST); she has called the first already."""
    world(database_url, tmp_path / "home", [
        row("W-1", "Ann Early", response="call"),
        row("W-2", "Ben Waiting", response="call"),
        row("W-3", "Cy Mailed"),
    ], now=FRIDAY, literature=False)  # fmt: skip
    with unit_of_work(database_url) as uow:
        first = uow.session.scalar(select(Inquiry.id).where(Inquiry.external_id == "W-1"))
        log_call(uow, int(first or 0), CallEntry(outcome="won", rating=9), profile=PROFILE,
                 now=MONDAY)  # fmt: skip
    return database_url


def owners(url: str) -> dict[str, tuple[str | None, str | None]]:
    """Each call by inquiry: its status and rep, and the rep who held it before."""
    with unit_of_work(url) as uow:
        reps = dict(uow.session.execute(select(Rep.id, Rep.code)).all())
        return {
            f"{external_id} {status}": (reps.get(rep_id), reps.get(before))
            for external_id, status, rep_id, before in uow.session.execute(
                select(Inquiry.external_id, FollowUp.status, FollowUp.rep_id,
                       FollowUp.handed_from_rep_id)
                .join(Inquiry, Inquiry.id == FollowUp.inquiry_id)
            )
        }  # fmt: skip


def territory(url: str, code: str) -> set[tuple[str, str]]:
    with unit_of_work(url) as uow:
        return set(
            uow.session.execute(
                select(TerritoryRule.kind, TerritoryRule.value)
                .join(Rep, Rep.id == TerritoryRule.rep_id).where(Rep.code == code)
            ).all()
        )  # fmt: skip


def test_retiring_moves_open_work_and_keeps_the_calls_made(west: str, tmp_path: Path) -> None:
    maria = territory(west, "R-WEST")
    with unit_of_work(west) as uow:
        done = hand_over(uow, "r-west", "R-US", retire=True, now=MONDAY)
    # Ben's open call and inquiry, and Cy's inquiry waiting for its packet; Ann's call is made.
    assert (done.calls, done.inquiries, done.retired) == (1, 2, True)

    assert owners(west) == {
        "W-1 done": ("R-WEST", None),
        "W-2 open": ("R-US", "R-WEST"),
    }
    # R-US covers every region of the US already: no territory needs to move.
    assert territory(west, "R-US") == {("country", "US")}
    assert territory(west, "R-WEST") == maria
    with unit_of_work(west) as uow:
        session = uow.session
        reps = {rep["code"]: rep for rep in list_reps(session)}
        handovers = [
            (h.calls, h.inquiries, h.retired, sorted(map(tuple, h.territory)))
            for h in session.scalars(select(RepHandover))
        ]
        moved = session.scalar(
            select(func.count()).select_from(Event).where(Event.kind == "handed over")
        )
        next_rep = session.scalar(
            select(Rep.code).join(Inquiry, Inquiry.next_call_rep_id == Rep.id)
            .where(Inquiry.external_id == "W-2")
        )  # fmt: skip
    assert reps["R-WEST"]["active"] is False and reps["R-WEST"]["retired_at"]
    assert reps["R-US"]["open_calls"] == 1 and reps["R-WEST"]["open_calls"] == 0
    assert handovers == [(1, 2, True, [])]
    assert moved == 2 and next_rep == "R-US"

    # A new Californian goes to R-US now, never to the retired rep.
    path = tmp_path / "later.csv"
    path.write_text(f"{HEADER}\n{row('W-4', 'Di Later', response='call')}\n", encoding="utf-8")
    with unit_of_work(west) as uow:
        import_inquiries(uow, path, profile=PROFILE, now=MONDAY)
    assert owners(west)["W-4 open"] == ("R-US", None)


def test_a_handover_joins_the_regions_and_the_old_rep_waits_for_the_reps_file(west: str) -> None:
    with unit_of_work(west) as uow:
        done = hand_over(uow, "R-WEST", "R-EAST", retire=False, now=MONDAY)
    assert (done.calls, done.retired) == (1, False)
    assert sorted(map(tuple, done.territory)) == [
        ("region", "CA"), ("region", "OR"), ("region", "WA"),
    ]  # fmt: skip
    assert territory(west, "R-EAST") == {("country", "US")} | {
        ("region", region) for region in ("NY", "NJ", "MA", "PA", "CA", "OR", "WA")
    }
    assert territory(west, "R-WEST") == {("country", "US")}
    with unit_of_work(west) as uow:
        active, retired = uow.session.execute(
            select(Rep.active, Rep.retired_at).where(Rep.code == "R-WEST")
        ).one()
    assert (active, retired) == (False, None)


@pytest.mark.parametrize(
    ("old", "new", "error", "message"),
    [
        ("R-WEST", "R-WEST", BadInput, "cannot hand over to themselves"),
        ("R-WEST", "R-NOBODY", NotFound, "no rep 'R-NOBODY'; reps are"),
        # R-UK covers GB and IE in any region; R-WEST the US in three states.
        ("R-WEST", "R-UK", BadInput, "differ in country and region"),
        # R-US takes any region of the US, R-WEST three: R-WEST would lose the others.
        ("R-US", "R-WEST", BadInput, "R-US takes any region and R-WEST only some"),
    ],
)
def test_a_handover_that_cannot_be_done_changes_nothing(
    west: str, old: str, new: str, error: type[Exception], message: str
) -> None:
    before = (owners(west), territory(west, old), territory(west, new))
    with pytest.raises(error, match=message), unit_of_work(west) as uow:
        hand_over(uow, old, new, retire=True, now=MONDAY)
    assert (owners(west), territory(west, old), territory(west, new)) == before


def test_a_retired_rep_gives_and_takes_no_more_work(west: str) -> None:
    with unit_of_work(west) as uow:
        hand_over(uow, "R-WEST", "R-US", retire=True, now=MONDAY)
    for old, new, message in [
        ("R-WEST", "R-US", "R-WEST is retired; their work went"),
        ("R-EAST", "R-WEST", "R-WEST is retired and takes no work"),
    ]:
        with pytest.raises(BadInput, match=message), unit_of_work(west) as uow:
            hand_over(uow, old, new, retire=False, now=MONDAY)
