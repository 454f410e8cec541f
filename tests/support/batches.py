"""A batch's steps and views one at a time for tests, each in its own unit of work."""

from datetime import date
from pathlib import Path
from typing import Any

from fulfilment.batch.coverage import literature_gaps
from fulfilment.batch.preview import preview_packet
from fulfilment.batch.steps.plan import PlanResult, plan_batch
from fulfilment.batch.views import batch_show, plan_warnings
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.settings import CompanyProfile


def planned(url: str, day: date, *, profile: CompanyProfile) -> PlanResult:
    """Plan the day's batch as the flow's plan step does."""
    with unit_of_work(url) as uow:
        return plan_batch(uow, day, profile=profile, now=local_now(profile.timezone))


def batch_view(url: str, batch_id: int) -> dict[str, Any]:
    """What `litcenter batch show` reads."""
    with unit_of_work(url) as uow:
        return batch_show(uow.session, batch_id)


def warned(url: str, batch_id: int) -> list[str]:
    """The plan's warnings, as the batch summary lists them."""
    with unit_of_work(url) as uow:
        return plan_warnings(uow.session, batch_id)


def gaps(url: str) -> list[dict[str, Any]]:
    """What `litcenter literature gaps` lists."""
    with unit_of_work(url) as uow:
        return literature_gaps(uow.session)


def previewed(
    url: str, inquiry_id: int, *, out_dir: Path, profile: CompanyProfile, today: date
) -> dict[str, str]:
    """What `litcenter preview` writes."""
    with unit_of_work(url) as uow:
        return preview_packet(uow.session, inquiry_id, out_dir=out_dir, profile=profile,
                              today=today)  # fmt: skip
