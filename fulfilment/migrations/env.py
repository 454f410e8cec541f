"""Alembic environment: migrates the database whose URL the caller put in the config."""

from alembic import context

import fulfilment.models  # noqa: F401 - registers the tables on Base.metadata
import inventory.models  # noqa: F401 - registers the stock tables on Base.metadata
from fulfilment.db import Base, engine_for

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url, "the caller sets sqlalchemy.url"

with engine_for(url).connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
