"""The litcenter home folder: database, profile, outputs and uploads live here."""

from dataclasses import dataclass
from importlib.resources import files

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from fulfilment.errors import LitcenterError
from fulfilment.schema import current_revision, head_revision, migrate
from fulfilment.settings import Settings


@dataclass(frozen=True)
class InitResult:
    """Where the home is, which database it uses and the schema revision it is at."""

    home: str
    database: str
    revision: str
    profile: str
    profile_created: bool


def initialise(settings: Settings) -> InitResult:
    """Create the home folder and profile if missing and migrate the database (idempotent)."""
    settings.home.mkdir(parents=True, exist_ok=True)
    created = not settings.profile_path.exists()
    if created:
        template = files("fulfilment").joinpath("default_profile.toml").read_text("utf-8")
        settings.profile_path.write_text(template, encoding="utf-8")
    revision = migrate(settings.resolved_database_url)
    return InitResult(
        home=str(settings.home.resolve()),
        database=_redacted(settings.resolved_database_url),
        revision=revision,
        profile=str(settings.profile_path.resolve()),
        profile_created=created,
    )


def require_database(settings: Settings) -> str:
    """The database URL, once it is known to be migrated; else say how to fix it."""
    url = settings.resolved_database_url
    try:
        revision = current_revision(url)
    except OperationalError as exc:
        raise LitcenterError(f"cannot open the database {_redacted(url)}: {exc.orig}") from exc
    if revision is None:
        raise LitcenterError("the database is not set up yet; run 'litcenter init' first")
    if revision != head_revision():
        raise LitcenterError("the database needs an upgrade; run 'litcenter init'")
    return url


def _redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
