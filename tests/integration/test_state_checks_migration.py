"""Migration 0007 keeps every batch as it was, refuses states it does not know in one line, and
from then on the database itself refuses a status outside its states."""

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from fulfilment.db import unit_of_work
from fulfilment.errors import LitcenterError
from fulfilment.schema import MIGRATIONS, current_revision, migrate


def _config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _add_batch(url: str, day: str, status: str) -> None:
    with unit_of_work(url) as uow:
        uow.session.execute(
            text(
                "INSERT INTO batches (business_date, status, out_dir, summary, created_at, "
                "updated_at) VALUES (:day, :status, '/srv/out', '{}', :at, :at)"
            ),
            {"day": day, "status": status, "at": "2026-11-24 09:00:00"},
        )
        uow.commit()


def _batches(url: str) -> list[tuple[str, str, str]]:
    with unit_of_work(url) as uow:
        rows = uow.session.execute(
            text("SELECT business_date, status, out_dir FROM batches ORDER BY business_date")
        )
        return [(str(day), status, out_dir) for day, status, out_dir in rows]


def test_batches_keep_their_states_and_a_bad_status_is_refused_afterwards(
    blank_database_url: str,
) -> None:
    url = blank_database_url
    command.upgrade(_config(url), "0006")
    _add_batch(url, "2026-11-23", "committed")
    _add_batch(url, "2026-11-24", "assembled")
    kept = _batches(url)

    migrate(url)

    assert _batches(url) == kept
    with pytest.raises(IntegrityError), unit_of_work(url) as uow:
        uow.session.execute(text("UPDATE batches SET status = 'printed'"))
        uow.commit()
    command.downgrade(_config(url), "0006")
    assert _batches(url) == kept
    migrate(url)
    assert _batches(url) == kept


def test_a_state_this_version_does_not_know_stops_the_upgrade_in_one_line(
    blank_database_url: str,
) -> None:
    url = blank_database_url
    command.upgrade(_config(url), "0006")
    _add_batch(url, "2026-11-24", "shipped")

    with pytest.raises(LitcenterError, match=r"batches\.status 'shipped'.*litcenter init"):
        migrate(url)

    assert current_revision(url) == "0006"
    assert _batches(url) == [("2026-11-24", "shipped", "/srv/out")]
