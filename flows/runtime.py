"""One Prefect API for a whole run: the configured server, else one temporary server we start."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

QUIET = {"PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


@contextmanager
def prefect_api() -> Iterator[str]:
    """Yield the API URL flows report to; workers inherit it through the environment.

    Without PREFECT_API_URL, Prefect would start a temporary server in this process and
    another in every process-pool worker, all on one SQLite file ("database is locked").
    Starting one here and exporting its URL gives the whole run a single server.
    """
    for name, value in QUIET.items():
        os.environ.setdefault(name, value)
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    # Imported here, once the quiet settings are in the environment Prefect reads at import.
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = SubprocessASGIServer()
    server.start(timeout=120)
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        del os.environ["PREFECT_API_URL"]
        server.stop()
