"""Migration 0009 keeps each booked call, puts it on its inquiries, and allows one open call."""

from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from fulfilment.db import UnitOfWork, unit_of_work
from fulfilment.schema import MIGRATIONS, current_revision, migrate
from fulfilment.views import inquiry_show

AT = "2026-11-24 09:00:00"
DUE = "2026-12-09"
LATER = "2026-12-14"


def _config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _sql(sql: str, **values: Any) -> tuple[str, dict[str, Any]]:
    """A statement and its values, to run later."""
    return sql, values


def _execute(uow: UnitOfWork, statement: tuple[str, dict[str, Any]]) -> None:
    sql, values = statement
    uow.session.execute(text(sql), values)


def _run(url: str, *statements: tuple[str, dict[str, Any]]) -> None:
    with unit_of_work(url) as uow:
        for statement in statements:
            _execute(uow, statement)
        uow.commit()


def _rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    """The rows of a query, dates and times as text as SQLite gives them."""
    with unit_of_work(url) as uow:
        return [
            tuple(str(value) if hasattr(value, "isoformat") else value for value in row)
            for row in uow.session.execute(text(sql))
        ]


def _inquiry(inquiry_id: int, external_id: str) -> tuple[str, dict[str, Any]]:
    return _sql(
        "INSERT INTO inquiries (id, external_id, content_hash, contact_id, rep_id, received_at, "
        'source, source_detail, source_page, response, timeframe, urgency, "use", comments, '
        "status, custom, extra, created_at) VALUES (:id, :external_id, :hash, 1, 1, :at, "
        "'Web form', '', '', 'mail', 'none', 'normal', '', '', 'printed', '{}', '{}', :at)",
        id=inquiry_id,
        external_id=external_id,
        hash=f"hash-{inquiry_id}",
        at=AT,
    )


def _event(event_id: int, inquiry_id: int, kind: str) -> tuple[str, dict[str, Any]]:
    return _sql(
        "INSERT INTO events (id, inquiry_id, at, kind, detail) "
        "VALUES (:id, :inquiry_id, :at, :kind, :detail)",
        id=event_id,
        inquiry_id=inquiry_id,
        at=AT,
        kind=kind,
        detail=f"{kind} {inquiry_id}",
    )


def _call(call_id: int, inquiry_id: int, due: str, status: str) -> tuple[str, dict[str, Any]]:
    return _sql(
        "INSERT INTO follow_ups (id, inquiry_id, packet_id, rep_id, due_on, status, created_at) "
        "VALUES (:id, :inquiry_id, 1, 1, :due, :status, :at)",
        id=call_id,
        inquiry_id=inquiry_id,
        due=due,
        status=status,
        at=AT,
    )


def _center_at_0008(url: str) -> None:
    """A rep, a contact who asked twice, one packet answering both, its open call, a third
    inquiry without a call, and a timeline for each."""
    _run(
        url,
        _sql("INSERT INTO reps (id, code, name, email, phone, active) "
         "VALUES (1, 'R-US', 'Sam Carter', 'sam@example.com', '', :yes)", yes=True),
        _sql("INSERT INTO contacts (id, name, title, company, address1, address2, city, region, "
         "postcode, country, phone, fax, email, email_key, match_key, stage, principal, handler, "
         "credit_status, employer, interests, created_at) VALUES (1, 'Jane Cooper', '', "
         "'Bayview Foods', '1200 Harbor Blvd', '', 'OAKLAND', 'CA', '94607', 'US', '', '', "
         "'jane@bayview.example', 'jane@bayview.example', 'jane cooper|bayview foods', "
         "'prospect', '', '', '', '', '', :at)", at=AT),
        _inquiry(1, "W-1"),
        _inquiry(2, "W-2"),
        _inquiry(3, "W-3"),
        *(_event(n * 10 + i, n, kind) for n in (1, 2, 3)
          for i, kind in enumerate(("received", "imported", "printed"))),
        _sql("INSERT INTO batches (id, business_date, status, out_dir, created_at, updated_at) "
         "VALUES (1, '2026-12-02', 'committed', '/srv/out', :at, :at)", at=AT),
        _sql("INSERT INTO packets (id, number, batch_id, inquiry_id, position, channel, status, "
         "language, envelope, sheets, weight_g, postage_class, publication, printed_at) VALUES "
         "(1, 'P20261202-00001', 1, 1, 1, 'mail', 'printed', 'en', 'C4', 3, 120, "
         "'domestic large letter', '', :at)", at=AT),
        _sql("INSERT INTO packet_inquiries (packet_id, inquiry_id, position) VALUES (1, 1, 0)"),
        _sql("INSERT INTO packet_inquiries (packet_id, inquiry_id, position) VALUES (1, 2, 1)"),
        _call(1, 1, DUE, "open"),
    )  # fmt: skip


EVENTS = "SELECT id, inquiry_id, kind, detail FROM events ORDER BY id"
CALLS = (
    "SELECT id, inquiry_id, packet_id, rep_id, due_on, status, reason, basis, days, attempt, "
    "outcome FROM follow_ups ORDER BY id"
)
NEXT_CALLS = (
    "SELECT id, next_call_on, next_call_rep_id, next_call_reason FROM inquiries ORDER BY id"
)


def test_a_booked_call_survives_and_becomes_its_inquiries_next_call(
    blank_database_url: str,
) -> None:
    url = blank_database_url
    command.upgrade(_config(url), "0008")
    _center_at_0008(url)
    events = _rows(url, EVENTS)
    assert len(events) == 9

    migrate(url)

    assert current_revision(url) == "0009"
    assert _rows(url, CALLS) == [
        (1, 1, 1, 1, DUE, "open", "after mailing", "logged", 0, 1, None),
    ]
    # The packet's call is the next call of both inquiries it answers, not of the third.
    assert _rows(url, NEXT_CALLS) == [
        (1, DUE, 1, "after mailing"), (2, DUE, 1, "after mailing"), (3, None, None, ""),
    ]  # fmt: skip
    assert _rows(url, EVENTS) == events
    with unit_of_work(url) as uow:
        view = inquiry_show(uow.session, 2)
    assert view["next_call"] == {"due": DUE, "rep": "R-US", "reason": "after mailing"}
    assert [(call["status"], call["due"]) for call in view["calls"]] == [("open", DUE)]


def test_one_open_call_per_inquiry_and_back_to_0008_and_up_again(
    blank_database_url: str,
) -> None:
    url = blank_database_url
    command.upgrade(_config(url), "0008")
    _center_at_0008(url)
    events = _rows(url, EVENTS)
    migrate(url)

    with pytest.raises(IntegrityError), unit_of_work(url) as uow:
        _execute(uow, _call(2, 1, LATER, "open"))
        uow.commit()
    # The call is made, the next one booked: a done and an open call for one inquiry.
    _run(
        url,
        _sql("UPDATE follow_ups SET status = 'done', outcome = 'no answer' WHERE id = 1"),
        _call(3, 1, LATER, "open"),
    )
    assert [(row[0], row[5], row[10]) for row in _rows(url, CALLS)] == [
        (1, "done", "no answer"), (3, "open", None),
    ]  # fmt: skip

    command.downgrade(_config(url), "0008")

    assert current_revision(url) == "0008"
    assert _rows(url, "SELECT id, inquiry_id, due_on, status FROM follow_ups") == [
        (3, 1, LATER, "open")
    ]
    assert _rows(url, EVENTS) == events

    migrate(url)

    assert _rows(url, CALLS) == [
        (3, 1, 1, 1, LATER, "open", "after mailing", "logged", 0, 1, None),
    ]
    assert _rows(url, NEXT_CALLS)[:2] == [
        (1, LATER, 1, "after mailing"), (2, LATER, 1, "after mailing"),
    ]  # fmt: skip
    assert _rows(url, EVENTS) == events
    with pytest.raises(IntegrityError), unit_of_work(url) as uow:
        _execute(uow, _call(4, 1, LATER, "open"))
        uow.commit()
