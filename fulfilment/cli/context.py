"""What every command needs: settings from the environment, a migrated database, and a
folder to write its files in."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fulfilment.errors import BadInput

if TYPE_CHECKING:
    from fulfilment.settings import CompanyProfile, Settings


@dataclass(frozen=True)
class Context:
    """Settings, the company profile and the URL of a database ready for use."""

    settings: "Settings"
    profile: "CompanyProfile"
    url: str

    def now(self) -> datetime:
        """The center's wall clock, as the services stamp what they store."""
        from fulfilment.clock import local_now

        return local_now(self.profile.timezone)


def ready() -> Context:
    """Load settings and profile and check the database is initialised."""
    # Pydantic and SQLAlchemy load when a command needs them, not for `--help`.
    from fulfilment.home import require_database
    from fulfilment.settings import Settings

    settings = Settings()
    return Context(settings=settings, profile=settings.profile, url=require_database(settings))


def out_folder(folder: Path) -> Path:
    """The folder --out names, once nothing on its way is a file (it may not exist yet)."""
    nearest = next(place for place in (folder, *folder.parents) if place.exists())
    if not nearest.is_dir():
        raise BadInput(f"--out: {nearest} is a file, not a folder; give a folder")
    return folder
