"""One Prefect API for a whole run: the configured server, else one temporary server we start."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.events.worker import EventsWorker
from prefect.logging.handlers import APILogWorker
from prefect.server.api.server import SubprocessASGIServer
from prefect.settings import PREFECT_API_URL, temporary_settings


@contextmanager
def prefect_api() -> Iterator[str]:
    """Yield the API URL flows report to; workers inherit it through the environment.

    Without PREFECT_API_URL, Prefect would start a temporary server in this process and
    another in every process-pool worker, all on one SQLite file ("database is locked").
    Starting one here and exporting its URL gives the whole run a single server.
    """
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    server = SubprocessASGIServer()
    server.start(timeout=120)
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        # Hand the last logs and events over while the server still listens: left for exit,
        # Prefect retries them against the stopped server for over a minute.
        APILogWorker.drain_all(timeout=30)
        EventsWorker.drain_all(timeout=30)
        del os.environ["PREFECT_API_URL"]
        server.stop()
