"""Whatever goes wrong, the command says so in one `error:` line and exits 1, never a traceback."""

from pathlib import Path

import pytest

from tests.conftest import Cli, CliResult


@pytest.fixture(params=["sqlite"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """These errors come before any database work; one database kind is enough."""
    return f"sqlite:///{tmp_path / 'litcenter.db'}"


@pytest.fixture
def ready_cli(cli: Cli) -> Cli:
    assert cli("init").code == 0
    return cli


def one_line_error(result: CliResult) -> str:
    assert (result.code, result.stdout) == (1, ""), result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ")
    return line


@pytest.mark.parametrize(
    ("args", "message", "help_for"),
    [
        (("stock", "receive", "BR-A", "abc"), "Invalid value for 'QTY'", "stock receive"),
        (("inquiry", "list", "--bogus"), "No such option: --bogus", "inquiry list"),
        (("inquiry", "lst"), "No such command 'lst'. Did you mean 'list'?", "inquiry"),
        (("batch", "show"), "Missing argument 'ID'", "batch show"),
    ],
)
def test_usage_errors_are_one_line_pointing_at_help(
    cli: Cli, args: tuple[str, ...], message: str, help_for: str
) -> None:
    line = one_line_error(cli(*args))
    assert line.startswith(f"error: {message}")
    assert line.endswith(f" {help_for} --help'")


def test_help_still_prints_and_succeeds(cli: Cli) -> None:
    asked = cli("batch", "--help")
    assert asked.code == 0
    assert "Usage:" in asked.stdout and "reprint" in asked.stdout
    bare = cli("batch")
    assert "Usage:" in bare.stdout and "reprint" in bare.stdout, "no arguments shows the help"
    assert "error" not in bare.stderr


def test_a_bad_environment_variable_is_one_line(
    ready_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LITCENTER_SMTP_PORT", "abc")
    line = one_line_error(ready_cli("inquiry", "list"))
    assert line.startswith("error: LITCENTER_SMTP_PORT: Input should be a valid integer")


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ('timezone = "America/Chicago"', 'timezone = "Mars/Base"', "timezone: 'Mars/Base'"),
        ('default_country = "US"', 'default_country = "ZZZ"', "default_country: 'ZZZ'"),
        ("# [custom_fields.already_insured]", "[custom_fields._secret]", "custom_fields: '_sec"),
    ],
)
def test_a_bad_profile_value_is_one_line_naming_it(
    ready_cli: Cli, before: str, after: str, message: str
) -> None:
    profile = ready_cli.home / "litcenter.toml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(before, after, 1))
    line = one_line_error(ready_cli("inquiry", "list"))
    assert f"litcenter.toml: {message}" in line


def test_a_home_that_is_a_file_is_one_line(cli: Cli) -> None:
    cli.home.parent.mkdir(parents=True, exist_ok=True)
    cli.home.write_text("not a folder")
    line = one_line_error(cli("init"))
    assert "cannot create the litcenter home" in line and "LITCENTER_HOME" in line


@pytest.mark.parametrize(
    "args",
    [
        ("preview", "1", "--out", "{file}"),
        ("batch", "reprint", "P-1", "--out", "{file}/sub"),
        ("labels", "align", "--out", "{file}/align.pdf"),
        ("batch", "run", "--out", "{file}"),
    ],
)
def test_an_out_that_is_a_file_is_one_line(
    ready_cli: Cli, tmp_path: Path, args: tuple[str, ...]
) -> None:
    file = tmp_path / "taken.pdf"
    file.write_bytes(b"%PDF yesterday")
    line = one_line_error(ready_cli(*(arg.format(file=file) for arg in args)))
    assert line == f"error: --out: {file} is a file, not a folder; give a folder"
    assert file.read_bytes() == b"%PDF yesterday"


@pytest.mark.parametrize("command", [("import",), ("products", "import")])
def test_a_csv_field_over_the_size_limit_is_one_line(
    ready_cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("code,name\nA," + "x" * 131_073 + "\n", encoding="utf-8")
    line = one_line_error(ready_cli(*command, str(path)))
    assert f"{path}: line 2: not readable as CSV" in line


def test_schedule_without_a_prefect_server_says_how_to_start_one(
    ready_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    line = one_line_error(ready_cli("schedule"))
    assert "run 'litcenter prefect start'" in line
