"""The litcenter home folder: database, profile, outputs and uploads live here."""

from dataclasses import dataclass
from importlib.resources import files

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from fulfilment.errors import BadInput, LitcenterError
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
    created = _create_home(settings)
    revision = migrate(settings.resolved_database_url)
    return InitResult(
        home=str(settings.home.resolve()),
        database=_redacted(settings.resolved_database_url),
        revision=revision,
        profile=str(settings.profile_path.resolve()),
        profile_created=created,
    )


def _create_home(settings: Settings) -> bool:
    """Make the home folder and a starter profile; True when the profile was written now."""
    try:
        settings.home.mkdir(parents=True, exist_ok=True)
        if settings.profile_path.exists():
            return False
        template = files("fulfilment").joinpath("default_profile.toml").read_text("utf-8")
        settings.profile_path.write_text(template, encoding="utf-8")
    except OSError as exc:
        in_the_way = isinstance(exc, FileExistsError | NotADirectoryError)
        reason = "a file is in the way" if in_the_way else exc.strerror or str(exc)
        raise BadInput(
            f"cannot create the litcenter home {settings.home} ({reason}); "
            "set LITCENTER_HOME to a folder you can write to"
        ) from exc
    return True


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
