"""`litcenter schedule`: the batch fires at the cron time in the center's zone, not in UTC."""

import asyncio
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from fulfilment.cli.batch import daily_schedule
from fulfilment.errors import BadInput
from fulfilment.settings import CompanyProfile


def test_the_batch_fires_at_the_cron_time_of_the_centers_time_zone() -> None:
    from prefect.server.schemas.schedules import CronSchedule

    from flows.daily_batch import scheduled_batch

    profile = CompanyProfile(timezone="America/Chicago", batch_cron="30 15 * * 1-5")
    deployment = scheduled_batch.to_deployment(name="t", schedules=[daily_schedule(profile)])
    [planned] = deployment.schedules
    server_side = CronSchedule(**planned.schedule.model_dump())
    [fires] = asyncio.run(server_side.get_dates(n=1, start=datetime(2026, 11, 20, 12, tzinfo=UTC)))
    local = fires.astimezone(ZoneInfo("America/Chicago"))
    assert (local.date().isoformat(), local.time()) == ("2026-11-20", time(15, 30))


def test_a_bad_cron_is_one_line() -> None:
    with pytest.raises(BadInput, match="batch_cron 'every day' is not a cron expression"):
        daily_schedule(CompanyProfile(batch_cron="every day"))
