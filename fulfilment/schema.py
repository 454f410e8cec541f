"""Create or migrate the database to the newest schema with Alembic, and check its revision."""

import re
from functools import cache
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from fulfilment.db import engine_for
from fulfilment.errors import LitcenterError

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r'^(down_revision|revision)\b[^=]*=\s*"?([\w-]+|None)"?', re.MULTILINE)


def migrate(url: str) -> str:
    """Bring the database to the newest revision; returns that revision."""
    # Alembic costs a quarter second to import; only `init` needs it, every command checks.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    try:
        command.upgrade(config, "head")
    except OperationalError as exc:
        raise LitcenterError(f"cannot reach the database: {exc.orig}") from exc
    return head_revision()


@cache
def head_revision() -> str:
    """The newest revision of the packaged migrations: the one no other revision revises."""
    # Read from the files rather than alembic.script for the same start-up reason as above;
    # tests check the answer against Alembic's own.
    revisions: dict[str, str] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        revisions[found["revision"]] = found["down_revision"]
    heads = set(revisions) - set(revisions.values())
    assert len(heads) == 1, f"the migrations must have one head, found {sorted(heads)}"
    return heads.pop()


def current_revision(url: str) -> str | None:
    """The revision the database is at, or None when it was never initialised."""
    with engine_for(url).connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
