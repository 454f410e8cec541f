"""The database keeps an inquiry's rating from 1 to 10, and adding that rule loses nothing."""

from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from fulfilment.catalog import import_products
from fulfilment.db import engine_for, unit_of_work
from fulfilment.errors import LitcenterError
from fulfilment.intake.service import import_inquiries
from fulfilment.models import Event, Inquiry, InquiryProduct
from fulfilment.reps import import_reps
from fulfilment.schema import MIGRATIONS, current_revision, head_revision, migrate
from fulfilment.settings import CompanyProfile
from tests.support.samples import GOOD, reference_files, write_csv

RATING_CHECK = "0005"


def _config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _before_the_check(url: str, folder: Path) -> str:
    """One inquiry in a blank database taken back to the revision just before the rating
    check; returns that revision.

    The inquiry is imported at the head, where the models match the tables, then the
    database goes down.
    """
    config = _config(url)
    revision = ScriptDirectory.from_config(config).get_revision(RATING_CHECK)
    assert revision is not None and isinstance(revision.down_revision, str)
    migrate(url)
    _one_inquiry(url, folder)
    command.downgrade(config, revision.down_revision)
    return revision.down_revision


def _one_inquiry(url: str, folder: Path) -> None:
    products, reps = reference_files(folder)
    with unit_of_work(url) as uow:
        import_products(uow, products)
        import_reps(uow, reps)
        summary = import_inquiries(
            uow,
            write_csv(folder / "inquiries.csv", [GOOD]),
            profile=CompanyProfile(),
            now=datetime(2026, 11, 24, 9, 0),
        )
    assert summary.accepted == 1


def _rate(url: str, rating: int | None) -> None:
    with unit_of_work(url) as uow:
        uow.session.execute(text("UPDATE inquiries SET rating = :rating"), {"rating": rating})
        uow.commit()


def _rows(url: str) -> dict[str, int]:
    with unit_of_work(url) as uow:
        return {
            model.__name__: uow.session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Inquiry, Event, InquiryProduct)
        }


def _indexes(url: str) -> list[str]:
    return sorted(str(index["name"]) for index in inspect(engine_for(url)).get_indexes("inquiries"))


def test_a_rating_outside_1_to_10_is_refused_by_the_database(
    database_url: str, tmp_path: Path
) -> None:
    _one_inquiry(database_url, tmp_path)

    for allowed in (1, 10, None):
        _rate(database_url, allowed)
    for refused in (0, 11):
        with pytest.raises(IntegrityError, match="ck_inquiries_rating|CHECK constraint failed"):
            _rate(database_url, refused)

    with unit_of_work(database_url) as uow:
        assert uow.session.scalar(select(Inquiry.rating)) is None


def test_adding_the_check_keeps_every_timeline_and_index(
    blank_database_url: str, tmp_path: Path
) -> None:
    url = blank_database_url
    before_check = _before_the_check(url, tmp_path)
    _rate(url, 7)
    rows, indexes = _rows(url), _indexes(url)
    assert rows == {"Inquiry": 1, "Event": 3, "InquiryProduct": 2}

    assert migrate(url) == head_revision()

    assert _rows(url) == rows
    assert set(indexes) <= set(_indexes(url))
    with pytest.raises(IntegrityError):
        _rate(url, 11)
    with engine_for(url).connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1

    command.downgrade(_config(url), before_check)
    _rate(url, 11)
    assert (_rows(url), _indexes(url)) == (rows, indexes)


def test_a_rating_already_out_of_range_stops_the_upgrade_in_one_line(
    blank_database_url: str, tmp_path: Path
) -> None:
    url = blank_database_url
    before_check = _before_the_check(url, tmp_path)
    _rate(url, 11)

    with pytest.raises(LitcenterError) as refused:
        migrate(url)

    message = str(refused.value)
    assert "1 inquiry rating(s) outside 1 to 10 (inquiry ids 1)" in message
    assert "run 'litcenter init' again" in message and "\n" not in message
    assert current_revision(url) == before_check
    _rate(url, None)
    assert migrate(url) == head_revision()
