"""A small literature center for batch tests: the demo's products, reps, literature, inquiries."""

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from pathlib import Path

from fulfilment.catalog import import_products
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.intake.service import import_inquiries
from fulfilment.reps import import_reps
from fulfilment.settings import CompanyProfile
from inventory.bulk import import_literature

PROFILE = CompanyProfile(timezone="UTC", default_country="US")


def write_profile(home: Path, profile: CompanyProfile = PROFILE) -> None:
    """The profile's own settings as the home's litcenter.toml, the rest left to defaults."""
    home.mkdir(parents=True, exist_ok=True)
    # JSON strings, numbers and booleans are TOML's too.
    lines = [
        f"{key} = {json.dumps(value)}"
        for key, value in profile.model_dump(exclude_unset=True).items()
    ]
    (home / "litcenter.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def center(url: str, home: Path, profile: CompanyProfile = PROFILE) -> Iterator[None]:
    """This process (and the processes it starts) configured for the center at url and home.

    The daily batch reads its settings from the environment in every step, as it does
    for a user.
    """
    write_profile(home, profile)
    wanted = {"LITCENTER_HOME": str(home), "LITCENTER_DATABASE_URL": url}
    before = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def reference_world(
    url: str, home: Path, *, profile: CompanyProfile = PROFILE, literature: bool = True
) -> None:
    """Load the bundled demo's products, reps and (unless told not to) literature, but none of
    its inquiries."""
    now = local_now(profile.timezone)
    with as_file(files("fulfilment").joinpath("demo_data")) as folder, unit_of_work(url) as uow:
        import_products(uow, folder / "products.csv")
        import_reps(uow, folder / "reps.csv")
        if literature:
            import_literature(uow, folder / "literature.csv", home=home, now=now)


def demo_world(url: str, home: Path, *, profile: CompanyProfile = PROFILE) -> dict[str, int]:
    """Load the bundled demo files; returns how many inquiries were accepted."""
    reference_world(url, home, profile=profile)
    now = local_now(profile.timezone)
    with as_file(files("fulfilment").joinpath("demo_data")) as folder, unit_of_work(url) as uow:
        summary = import_inquiries(uow, folder / "inquiries.csv", profile=profile, now=now)
    return {"accepted": summary.accepted}
