"""Marketing's view of what literature is missing, and bulletin aliases, through the CLI."""

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.support.batches import planned
from tests.support.world import PROFILE, demo_world

DAY = date(2026, 11, 24)
INQUIRIES = """external_id,received_at,name,address1,city,region,postcode,country,products,response
GAP-1,2026-11-20,Ann Lee,1 Farm Rd,Fresno,CA,93650,US,PMP-100;PMP-900,mail
GAP-2,2026-11-22,Bo Chen,2 Mill St,Austin,TX,78701,US,PMP-900;FAN-7,mail
GAP-3,2026-11-23,Cy Diaz,3 Oak Ave,Reno,NV,89501,US,FAN-7,mail
"""


@pytest.fixture(params=["sqlite"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """SQLite only: what is tested here is the command, not the database."""
    return f"sqlite:///{tmp_path / 'litcenter.db'}"


def test_literature_gaps_lists_uncovered_products_until_they_are_covered(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("init").code == 0
    assert cli("literature", "gaps", "--json").json() == {"gaps": []}
    demo_world(cli.database_url, cli.home)
    products = tmp_path / "products.csv"
    products.write_text(
        "code,name,family\nPMP-900,Booster Pump BP-900,Pumps\nFAN-7,Cooling Fan CF-7,Fans\n",
        encoding="utf-8",
    )
    assert cli("products", "import", str(products)).code == 0
    (tmp_path / "inquiries.csv").write_text(INQUIRIES, encoding="utf-8")
    assert cli("import", str(tmp_path / "inquiries.csv")).code == 0
    planned(cli.database_url, DAY, profile=PROFILE)

    result = cli("literature", "gaps", "--json")

    assert result.code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "gaps": [
            {"code": "PMP-900", "name": "Booster Pump BP-900", "inquiries": 2,
             "oldest": "2026-11-20"},
            {"code": "FAN-7", "name": "Cooling Fan CF-7", "inquiries": 2, "oldest": "2026-11-22"},
        ]
    }  # fmt: skip
    human = cli("literature", "gaps")
    assert human.code == 0, human.stderr
    assert "Booster Pump BP-900" in human.stdout and "2026-11-20" in human.stdout

    added = cli("literature", "add", "CS-FAN", "--title", "Fans at Hudson Paper", "--kind",
                "case-study", "--products", "FAN-7")  # fmt: skip
    assert added.code == 0, added.stderr
    assert [g["code"] for g in cli("literature", "gaps", "--json").json()["gaps"]] == ["PMP-900"]


def test_bulletins_take_aliases_when_added_and_later(cli: Cli, tmp_path: Path) -> None:
    assert cli("init").code == 0
    added = cli(
        "literature", "add", "BUL-PD-2611", "--title", "Pump Digest November 2026", "--kind",
        "bulletin", "--alias", "PD 11/26", "--alias", "Pumps Digest", "--json",
    ).json()  # fmt: skip
    assert added["aliases"] == ["PD 11/26", "Pumps Digest"]

    more = cli("literature", "alias", "BUL-PD-2611", "pumps digest", "The Digest", "--json")

    assert more.json()["aliases"] == ["PD 11/26", "Pumps Digest", "The Digest"]
    assert "PD 11/26; Pumps Digest; The Digest" in cli("literature", "alias", "BUL-PD-2611",
                                                       "The Digest").stdout  # fmt: skip
    refused = cli("literature", "alias", "NOPE", "x")
    assert refused.code == 1 and refused.stderr.startswith("error: no literature item 'NOPE'")
