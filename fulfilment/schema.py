"""Create or migrate the database to the newest schema with Alembic."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import OperationalError

from fulfilment.db import engine_for
from fulfilment.errors import LitcenterError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the packaged migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str) -> str:
    """Bring the database to the newest revision; returns that revision."""
    config = alembic_config(url)
    try:
        command.upgrade(config, "head")
    except OperationalError as exc:
        raise LitcenterError(f"cannot reach the database: {exc.orig}") from exc
    return head_revision()


def head_revision() -> str:
    """The newest revision the packaged migrations know."""
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None, "the packaged migrations have one head"
    return head


def current_revision(url: str) -> str | None:
    """The revision the database is at, or None when it was never initialised."""
    with engine_for(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
