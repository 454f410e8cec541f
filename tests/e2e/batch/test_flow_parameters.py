"""What Prefect stores of a batch run: the day and folder a user chose, never a URL or secret."""

import asyncio
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from fulfilment.schema import migrate
from tests.support.postgres import create_database
from tests.support.world import center, demo_world

DAY = date(2026, 11, 24)
PASSWORD = "Sekr3t-pw-4-prefect"


def stored_runs(flow_name: str) -> list[dict[str, Any]]:
    """Every run of the flow as the Prefect API stores it: name, state and parameters."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    async def read() -> list[dict[str, Any]]:
        async with get_client() as client:
            runs = await client.read_flow_runs(
                flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
                # Prefect 3.8.8's client sends null for these, which its own server refuses.
                sort=FlowRunSort.START_TIME_DESC,
                limit=200,
            )
            return [{"state": r.state_name, "parameters": r.parameters} for r in runs]

    return asyncio.run(read())


@pytest.mark.postgres
def test_a_finished_run_stores_neither_the_database_url_nor_its_password(
    prefect_harness: None, postgres_server: str, tmp_path: Path
) -> None:
    from flows.daily_batch import run_daily_batch

    plain = create_database(postgres_server, f"params_{os.getpid()}")
    # The test server trusts loopback, so the password is not checked, only carried.
    url = make_url(plain).set(password=PASSWORD).render_as_string(hide_password=False)
    migrate(url)
    home = tmp_path / "home"
    demo_world(url, home)
    out = tmp_path / "out"
    before = len(stored_runs("daily-batch"))

    with center(url, home):
        summary = run_daily_batch(DAY, out, label_start=4)

    assert summary["packets"] > 0
    runs = stored_runs("daily-batch")
    assert len(runs) == before + 1
    finished = next(r for r in runs if r["parameters"].get("out_dir") == str(out))
    assert finished["state"] == "Completed"
    assert finished["parameters"] == {
        "business_date": DAY.isoformat(),
        "out_dir": str(out),
        "label_start": 4,
    }
    stored = json.dumps(runs)
    assert PASSWORD not in stored and "postgresql" not in stored
