"""The schema migrates on both databases, idempotently, with SQLite's safety settings on."""

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from fulfilment.db import engine_for
from fulfilment.schema import MIGRATIONS, current_revision, head_revision, migrate


def test_migrate_creates_every_table_and_is_idempotent(database_url: str) -> None:
    assert current_revision(database_url) == head_revision()
    assert migrate(database_url) == head_revision()
    tables = set(inspect(engine_for(database_url)).get_table_names())
    assert {"contacts", "inquiries", "products", "reps", "quarantined_rows", "events"} <= tables


def test_a_blank_database_has_no_revision(blank_database_url: str) -> None:
    assert current_revision(blank_database_url) is None


def test_head_revision_agrees_with_alembic() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_sqlite_uses_wal_and_enforces_foreign_keys(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    migrate(url)
    with engine_for(url).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def _declared_in_migrations_only(difference: object) -> bool:
    """Differences the models leave out on purpose: Alembic's own table, and the foreign key
    from literature to products, which inventory's models cannot name (inventory/models.py)."""
    if not isinstance(difference, tuple):
        return False
    kind, thing = difference[0], difference[1]
    if kind == "remove_table":
        return bool(thing.name == "alembic_version")
    return bool(kind == "remove_fk" and thing.table.name == "literature_products")


def test_the_migrated_schema_is_the_one_the_models_describe(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import fulfilment.models  # noqa: F401 - registers every table on Base.metadata
    import inventory.models  # noqa: F401
    from fulfilment.db import Base

    with engine_for(database_url).connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": False}
        )
        differences = [
            difference
            for difference in compare_metadata(context, Base.metadata)
            if not _declared_in_migrations_only(difference)
        ]
    assert differences == []
