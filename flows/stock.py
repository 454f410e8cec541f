"""Prefect flow: marketing's bulk upload of literature, PDFs and stock received from one CSV."""

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.settings import Settings
from inventory.bulk import import_literature


@task(name="import literature file")
def import_literature_file(path: Path) -> dict[str, Any]:
    """Import one CSV; every row and PDF is checked before anything is written."""
    settings = Settings()
    now = local_now(settings.profile.timezone)
    with unit_of_work(settings.resolved_database_url) as uow:
        summary = import_literature(uow, path, home=settings.home, now=now)
    return {"file": path.name, **summary.as_dict()}


@flow(name="literature upload", log_prints=False)
def literature_upload(path: Path) -> dict[str, Any]:
    """Import marketing's CSV; a summary table shows in the Prefect UI."""
    summary = import_literature_file(path)
    create_table_artifact(
        key="literature-upload",
        table=[summary],
        description=f"Literature uploaded from {path}",
    )
    return summary
