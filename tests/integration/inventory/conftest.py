"""Fixtures for the stock system: a migrated database of each kind with products loaded."""

from pathlib import Path

import pytest

from fulfilment.catalog import import_products
from fulfilment.db import unit_of_work
from tests.support.samples import reference_files


@pytest.fixture
def url(database_url: str, tmp_path: Path) -> str:
    """A migrated database (SQLite and PostgreSQL) holding the sample products."""
    products, _ = reference_files(tmp_path)
    with unit_of_work(database_url) as uow:
        import_products(uow, products)
    return database_url


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty litcenter home folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder
