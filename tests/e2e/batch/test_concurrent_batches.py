"""Two `litcenter batch run` for the same day at once on PostgreSQL: nothing is done twice."""

import os
from pathlib import Path

import pytest

from fulfilment.schema import migrate
from tests.support.batch_outcome import BatchOutcome, batch_outcome, clean_run_outcome
from tests.support.batch_process import ChildProcess, current_api_url, environment, start
from tests.support.postgres import create_database
from tests.support.synthetic import BATCH_DAY, synthetic_world

INQUIRIES = 370


@pytest.fixture
def center(postgres_server: str, tmp_path: Path) -> tuple[str, Path]:
    url = create_database(postgres_server, f"concurrent_{os.getpid()}_{tmp_path.name}")
    migrate(url)
    synthetic_world(url, tmp_path / "home", inquiries=INQUIRIES)
    return url, tmp_path / "home"


def batch_run(url: str, home: Path, log: Path) -> ChildProcess:
    """`litcenter batch run` for the synthetic world's day, as staff would type it."""
    env = environment(
        current_api_url(), LITCENTER_HOME=str(home), LITCENTER_DATABASE_URL=url, COLUMNS="200"
    )
    command = ["fulfilment", "batch", "run", "--date", BATCH_DAY.isoformat(), "--json"]
    return start(command, env=env, log=log)


@pytest.mark.postgres
def test_two_runs_at_once_plan_pick_and_print_once(
    prefect_harness: None,
    center: tuple[str, Path],
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    url, home = center
    with (
        batch_run(url, home, tmp_path / "first.log") as first,
        batch_run(url, home, tmp_path / "second.log") as second,
    ):
        ended = [(run, *run.finish()) for run in (first, second)]

    failed = [run for run, code, _ in ended if code != 0]
    assert len(failed) < 2, failed[0].errors()
    for run in failed:
        said = run.errors().strip()
        assert said.startswith("error: another batch run") and "\n" not in said, said
        assert "run the batch again" in said
    if failed:
        with batch_run(url, home, tmp_path / "third.log") as third:
            code, _ = third.finish()
        assert code == 0, third.errors()

    outcome = batch_outcome(url)
    assert outcome.faults(inquiries=INQUIRIES) == []
    reference: BatchOutcome = clean_run_outcome(tmp_path_factory, inquiries=INQUIRIES)
    assert outcome.stock == reference.stock, "stock picked once"
    assert outcome == reference
