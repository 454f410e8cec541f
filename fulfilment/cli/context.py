"""What every command needs: settings from the environment and a migrated database."""

from dataclasses import dataclass

from fulfilment.home import require_database
from fulfilment.settings import CompanyProfile, Settings


@dataclass(frozen=True)
class Context:
    """Settings, the company profile and the URL of a database ready for use."""

    settings: Settings
    profile: CompanyProfile
    url: str


def ready() -> Context:
    """Load settings and profile and check the database is initialised."""
    settings = Settings()
    return Context(settings=settings, profile=settings.profile, url=require_database(settings))
