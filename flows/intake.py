"""Prefect flow: import every inquiry file waiting in an inbox folder, then file it away."""

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.intake.inbox import file_away, waiting_files
from fulfilment.intake.service import import_inquiries
from fulfilment.settings import Settings


@task(name="import inquiry file")
def import_file(path: Path) -> dict[str, Any]:
    """Import one file and move it to the inbox's processed folder."""
    settings = Settings()
    profile = settings.profile
    with unit_of_work(settings.resolved_database_url) as uow:
        summary = import_inquiries(uow, path, profile=profile, now=local_now(profile.timezone))
    file_away(path)
    return {"file": path.name, **summary.as_dict()}


@flow(name="intake", log_prints=False)
def intake(inbox: Path) -> list[dict[str, Any]]:
    """Import the inbox's files oldest first; a summary table shows in the Prefect UI."""
    summaries = [import_file(path) for path in waiting_files(inbox)]
    if summaries:
        create_table_artifact(
            key="intake-summary",
            table=[{k: v for k, v in s.items() if k != "unknown_columns"} for s in summaries],
            description=f"Inquiry files imported from {inbox}",
        )
    return summaries
