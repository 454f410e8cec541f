"""One Prefect API for a whole run: the configured server, the home's, else a temporary one."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.events.worker import EventsWorker
from prefect.logging.handlers import APILogWorker
from prefect.settings import PREFECT_API_URL, temporary_settings

from fulfilment.prefect_home import running_server
from fulfilment.settings import Settings


@contextmanager
def prefect_api() -> Iterator[str]:
    """Yield the API URL flows report to; workers inherit it through the environment.

    PREFECT_API_URL when set, else the home's background server (`litcenter prefect start`)
    when it answers. Without either, Prefect would start a temporary server in this process
    and another in every process-pool worker, all on one SQLite file ("database is locked"):
    starting one here and exporting its URL gives the whole run a single server.
    """
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    background = running_server(Settings().home)
    if background is not None:
        with _reporting_to(background.api_url):
            yield background.api_url
        return
    # Importing Prefect's server takes seconds: only a run that starts one pays for it.
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start(timeout=120)
    try:
        with _reporting_to(server.api_url):
            yield server.api_url
    finally:
        server.stop()


@contextmanager
def _reporting_to(api_url: str) -> Iterator[None]:
    """Point this process and the workers it starts at the API for the block."""
    os.environ["PREFECT_API_URL"] = api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            yield
    finally:
        # Hand the last logs and events over while the server listens and its URL is set:
        # left for exit, Prefect retries them against a stopped server for over a minute.
        APILogWorker.drain_all(timeout=30)
        EventsWorker.drain_all(timeout=30)
        del os.environ["PREFECT_API_URL"]
