"""A batch killed with SIGKILL between or inside its steps: the next run finishes it, once."""

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from fulfilment.db import unit_of_work
from fulfilment.models import Batch
from fulfilment.schema import migrate
from tests.support.batch_outcome import BatchOutcome, batch_outcome, clean_run_outcome
from tests.support.batch_process import current_api_url, environment, start_batch
from tests.support.synthetic import BATCH_DAY, synthetic_world

# 330 packets (repeat contacts share one), two render chunks, one short: a kill can fall when
# one is on disk and the other is not.
INQUIRIES = 370


@pytest.fixture(scope="module")
def api_url(prefect_harness: None) -> str:
    """The session's Prefect server, handed to the batch processes this module starts."""
    return current_api_url()


@pytest.fixture(scope="module")
def reference(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> BatchOutcome:
    """The same world batched once from start to finish, never killed."""
    return clean_run_outcome(tmp_path_factory, inquiries=INQUIRIES)


def batch_status(url: str) -> str | None:
    with unit_of_work(url) as uow:
        return uow.session.scalar(select(Batch.status).where(Batch.business_date == BATCH_DAY))


def finish_after_kill(url: str, tmp_path: Path, api_url: str, reference: BatchOutcome) -> None:
    """Run the batch again to the end and compare everything it left with the reference."""
    with start_batch(
        url, tmp_path / "home", tmp_path / "out", day=BATCH_DAY, env=environment(api_url),
        log=tmp_path / "rerun.log",
    ) as rerun:  # fmt: skip
        summary = rerun.summary()
    assert summary["status"] == "committed" and summary["inquiries_answered"] == INQUIRIES
    outcome = batch_outcome(url)
    assert summary["packets"] == outcome.packets < INQUIRIES, "repeat contacts share packets"
    assert outcome.faults(inquiries=INQUIRIES) == []
    assert outcome == reference


def test_killed_at_each_step_boundary_in_turn(
    tmp_path: Path, api_url: str, reference: BatchOutcome
) -> None:
    url = f"sqlite:///{tmp_path / 'litcenter.db'}"
    migrate(url)
    synthetic_world(url, tmp_path / "home", inquiries=INQUIRIES)
    boundaries = [("reserve", "planned"), ("assemble", "reserved"), ("commit", "assembled")]
    for step, left_at in boundaries:
        with start_batch(
            url, tmp_path / "home", tmp_path / "out", day=BATCH_DAY, env=environment(api_url),
            log=tmp_path / f"killed-at-{step}.log", pause_at=step,
        ) as run:  # fmt: skip
            run.wait_for(f"paused at {step}")
            run.kill()
        assert batch_status(url) == left_at, f"killed before {step}"

    finish_after_kill(url, tmp_path, api_url, reference)


def test_killed_while_rendering(
    database_url: str, tmp_path: Path, api_url: str, reference: BatchOutcome
) -> None:
    synthetic_world(database_url, tmp_path / "home", inquiries=INQUIRIES)
    chunks = tmp_path / "out" / ".chunks"
    with start_batch(
        database_url, tmp_path / "home", tmp_path / "out", day=BATCH_DAY, env=environment(api_url),
        log=tmp_path / "killed.log",
    ) as run:  # fmt: skip
        deadline = time.monotonic() + 300
        while not list(chunks.rglob("*-letters.part")) and time.monotonic() < deadline:
            assert run.process.poll() is None, run.errors()
            time.sleep(0.01)
        run.kill()
    rendered = list(chunks.rglob("*.part"))
    assert rendered and len(rendered) < 6, "killed with some chunks rendered, not all"
    assert batch_status(database_url) == "reserved"

    finish_after_kill(database_url, tmp_path, api_url, reference)
