"""A small literature center for batch tests: the demo's products, reps, literature, inquiries."""

from importlib.resources import as_file, files
from pathlib import Path

from fulfilment.catalog import import_products
from fulfilment.intake.service import import_inquiries
from fulfilment.reps import import_reps
from fulfilment.settings import CompanyProfile
from inventory.bulk import import_literature

PROFILE = CompanyProfile(timezone="UTC", default_country="US")


def demo_world(url: str, home: Path, *, profile: CompanyProfile = PROFILE) -> dict[str, int]:
    """Load the bundled demo files; returns how many inquiries were accepted."""
    with as_file(files("fulfilment").joinpath("demo_data")) as folder:
        import_products(url, folder / "products.csv")
        import_reps(url, folder / "reps.csv")
        import_literature(url, folder / "literature.csv", home=home)
        summary = import_inquiries(url, folder / "inquiries.csv", profile=profile)
    return {"accepted": summary.accepted}
