"""The litcenter command as staff use it: set up, import, look, fix; errors are one line."""

from pathlib import Path

import pytest

from tests.conftest import Cli, assert_one_line_error
from tests.support.samples import CHINESE, GOOD, reference_files, write_csv


@pytest.fixture
def ready_cli(cli: Cli, tmp_path: Path) -> Cli:
    products, reps = reference_files(tmp_path)
    assert cli("init").code == 0
    assert cli("products", "import", str(products), "--json").json() == {
        "rows": 5, "created": 5, "updated": 0, "relations": 5,
    }  # fmt: skip
    assert cli("reps", "import", str(reps), "--json").json() == {
        "rows": 5, "created": 5, "updated": 0,
    }  # fmt: skip
    return cli


def test_init_is_idempotent_and_writes_a_profile(cli: Cli) -> None:
    first = cli("init", "--json").json()
    second = cli("init", "--json").json()
    assert first["revision"] == second["revision"]
    assert first["profile_created"] and not second["profile_created"]
    assert "teasers" in (cli.home / "litcenter.toml").read_text()


def test_import_list_show_and_reimport(ready_cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [GOOD, CHINESE, {**GOOD, "external_id": "X", "email": "x@"}])
    summary = ready_cli("import", str(path), "--json").json()
    assert summary["rows"] == summary["accepted"] + summary["quarantined"] + summary["duplicates"]
    assert (summary["accepted"], summary["quarantined"]) == (2, 1)
    assert ready_cli("import", str(path), "--json").json()["duplicates"] == 3

    listed = ready_cli("inquiry", "list", "--json").json()
    assert [row["external_id"] for row in listed] == ["W-1", "W-CN"]
    assert {"id", "external_id", "contact_id", "status", "received_at", "rep"} <= set(listed[0])
    assert ready_cli("inquiry", "list", "--status", "mailed", "--json").json() == []

    shown = ready_cli("inquiry", "show", str(listed[1]["id"]), "--json").json()
    assert shown["contact"]["address_lines"][:2] == ["200120", "上海市浦东新区"]
    assert shown["rep"]["code"] == "R-CN"
    assert [event["kind"] for event in shown["timeline"]] == ["received", "imported", "assigned"]

    human = ready_cli("inquiry", "show", str(listed[1]["id"]))
    assert human.code == 0 and "上海华东化工有限公司" in human.stdout


def test_quarantine_list_and_retry(ready_cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [{**GOOD, "email": "jane@", "postcode": "1"}])
    ready_cli("import", str(path))
    [held] = ready_cli("quarantine", "list", "--json").json()
    assert set(held) >= {"id", "row_number", "external_id", "reasons", "raw"}
    assert len(held["reasons"]) == 2

    partly = ready_cli("quarantine", "retry", str(held["id"]), "--set", "email=jane@bayview.example")
    assert_one_line_error(partly, "still quarantined", "fixes are kept", "postcode")

    fixed = ready_cli("quarantine", "retry", str(held["id"]), "--set", "postcode=94607", "--json")
    assert fixed.code == 0
    assert fixed.json()["accepted"] is True
    shown = ready_cli("inquiry", "show", str(fixed.json()["inquiry_id"]), "--json").json()
    assert shown["contact"]["email"] == "jane@bayview.example"


def test_template_text_prints_literally(ready_cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [{**GOOD, "name": "[bold]{{ 7*7 }}[/bold]"}])
    ready_cli("import", str(path))
    human = ready_cli("inquiry", "list")
    assert "[bold]{{ 7*7 }}[/bold]" in human.stdout


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("import", "/no/such/file.csv"), ("no such file",)),
        (("inquiry", "show", "999"), ("no inquiry 999",)),
        (("quarantine", "retry", "42", "--set", "postcode=1"), ("no quarantined row 42",)),
        (("quarantine", "retry", "1", "--set", "postcode"), ("not field=value",)),
        (("quarantine", "list", "--status", "lost"), ("status 'lost'",)),
    ],
)
def test_bad_input_is_one_line(ready_cli: Cli, args: tuple[str, ...], fragments: tuple[str]) -> None:
    assert_one_line_error(ready_cli(*args), *fragments)


def test_bad_files_are_one_line(ready_cli: Cli, tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name\nMüller\n".encode("latin-1"))
    assert_one_line_error(ready_cli("import", str(latin1)), "not UTF-8", "save it as UTF-8")
    products = tmp_path / "bad-products.csv"
    products.write_text("code,name,related\nA,Alpha,ZZ\n")
    assert_one_line_error(ready_cli("products", "import", str(products)), "related code ZZ")


def test_commands_before_init_say_to_run_init(cli: Cli) -> None:
    assert_one_line_error(cli("inquiry", "list"), "not set up yet", "run 'litcenter init' first")


def test_a_broken_profile_is_one_line(ready_cli: Cli) -> None:
    (ready_cli.home / "litcenter.toml").write_text("default_country = [\n")
    assert_one_line_error(ready_cli("inquiry", "list"), "litcenter.toml", "not valid TOML")
