"""Database engine, sessions and the unit of work every service runs in."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, ClassVar, Self

from sqlalchemy import JSON, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from fulfilment.errors import BadInput


class Base(DeclarativeBase):
    """Declarative base shared by every table of the project, fulfilment and inventory alike."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[Any]: JSON,
    }


# Python's sqlite3 keeps prepared statements by their text, 128 by default. A statement with
# an IN list of thousands of values takes about a megabyte prepared, and each slice of a batch
# has a list of another length: a big batch filled the cache with them. 16 keep the hot
# statements of a step and bound that memory.
_STATEMENTS = 16


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@cache
def engine_for(url: str) -> Engine:
    """One engine per database URL per process; SQLite gets WAL and foreign keys."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise BadInput(f"database URL {url!r} is not valid; check LITCENTER_DATABASE_URL") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(
                parsed, connect_args={"timeout": 30, "cached_statements": _STATEMENTS}
            )
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise BadInput(
            f"no driver for {parsed.drivername}; for PostgreSQL use postgresql+psycopg:// "
            "and pip install 'litcenter[postgres]'"
        ) from exc


class UnitOfWork:
    """One business operation: commits only when the service says so, else rolls back."""

    def __init__(self, url: str) -> None:
        self._factory = sessionmaker(engine_for(url), expire_on_commit=False)
        self.session: Session

    def __enter__(self) -> Self:
        self.session = self._factory()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()


@contextmanager
def unit_of_work(url: str) -> Iterator[UnitOfWork]:
    """Open a unit of work on the database at url."""
    with UnitOfWork(url) as uow:
        yield uow
