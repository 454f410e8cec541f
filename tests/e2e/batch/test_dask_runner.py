"""The daily batch on a real local Dask cluster prints and books what the process pool does."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fulfilment.schema import migrate
from tests.support.batch_outcome import batch_outcome, clean_run_outcome
from tests.support.batch_process import current_api_url, environment, start
from tests.support.synthetic import BATCH_DAY, synthetic_world
from tests.support.world import center

pytest.importorskip(
    "distributed", reason="the Dask task runner needs the 'dask' extra: pip install '.[dask]'"
)
from distributed import Client

# 330 packets (repeat contacts share one): two render chunks, one for each worker.
INQUIRIES = 370


@pytest.fixture
def cluster(prefect_harness: None, tmp_path: Path) -> Iterator[Client]:
    """A scheduler and two one-thread workers on loopback, each a process of its own."""
    address_file = tmp_path / "scheduler.json"
    env = environment(
        current_api_url(),
        LITCENTER_HOME=str(tmp_path / "home"),
        LITCENTER_DATABASE_URL=f"sqlite:///{tmp_path / 'litcenter.db'}",
    )
    with start(
        ["dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(address_file)],
        env=env, log=tmp_path / "scheduler.log",
    ) as scheduler:  # fmt: skip
        deadline = time.monotonic() + 60
        while not address_file.exists():
            assert scheduler.process.poll() is None and time.monotonic() < deadline, (
                scheduler.errors()
            )
            time.sleep(0.1)
        worker = ["dask", "worker", "--scheduler-file", str(address_file), "--host", "127.0.0.1",
                  "--nworkers", "1", "--nthreads", "1", "--no-dashboard"]  # fmt: skip
        with (
            start(worker, env=env, log=tmp_path / "worker-1.log"),
            start(worker, env=env, log=tmp_path / "worker-2.log"),
            Client(scheduler_file=str(address_file)) as client,  # type: ignore[no-untyped-call]
        ):
            client.wait_for_workers(2, timeout=120)
            yield client


def test_the_batch_on_a_dask_cluster_matches_the_process_pool(
    cluster: Client,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows.daily_batch import run_daily_batch

    reference = clean_run_outcome(tmp_path_factory, inquiries=INQUIRIES)
    url = f"sqlite:///{tmp_path / 'litcenter.db'}"
    migrate(url)
    synthetic_world(url, tmp_path / "home", inquiries=INQUIRIES)
    monkeypatch.setenv("LITCENTER_DASK_ADDRESS", str(cluster.scheduler_info()["address"]))

    with center(url, tmp_path / "home"):
        summary = run_daily_batch(BATCH_DAY, tmp_path / "out")

    assert summary["packets"] == summary["new_packets"] == reference.packets
    assert summary["inquiries_answered"] == INQUIRIES
    executed = cluster.run(lambda dask_worker: dask_worker.state.executed_count)
    assert len(executed) == 2 and all(count > 0 for count in executed.values()), (
        f"render chunks ran on both workers: {executed}"
    )
    outcome = batch_outcome(url)
    assert outcome.faults(inquiries=INQUIRIES) == []
    assert outcome == reference
