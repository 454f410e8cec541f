"""The company profile and environment settings: a wrong value is one line naming it."""

from pathlib import Path

import pytest

from fulfilment.errors import BadInput
from fulfilment.settings import CompanyProfile, CustomField, Settings, load_profile


def profile_error(tmp_path: Path, toml: str) -> str:
    path = tmp_path / "litcenter.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(BadInput) as refused:
        load_profile(path)
    return str(refused.value)


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('timezone = "Mars/Base"', "timezone: 'Mars/Base' is not a time zone"),
        ('timezone = "../etc/passwd"', "timezone: '../etc/passwd' is not a time zone"),
        ('timezone = "America"', "timezone: 'America' is not a time zone"),
        ('default_country = "ZZZ"', "default_country: 'ZZZ' is not a known country code"),
        ('default_country = "XX"', "default_country: 'XX' is not a known country code"),
        ('default_country = "ZZ"', "default_country: 'ZZ' is not a known country code"),
        ("[custom_fields._secret]", "custom_fields: '_secret' is not a usable field name"),
        ('[custom_fields."fleet size"]', "custom_fields: 'fleet size' is not a usable"),
        ("[custom_fields.source]", "custom_fields: 'source' is already a field of every"),
        ("[custom_fields.Name]", "custom_fields: 'Name' is already a field of every inquiry"),
        (
            "[custom_fields.plan]\n[custom_fields.Plan]",
            "custom_fields: 'Plan' is declared twice",
        ),
    ],
)
def test_a_bad_profile_value_is_one_line_naming_it(
    tmp_path: Path, toml: str, expected: str
) -> None:
    message = profile_error(tmp_path, toml)
    assert message.startswith(f"{tmp_path / 'litcenter.toml'}: {expected}")
    assert message.endswith("; fix the file and try again")
    assert "\n" not in message


def test_good_profile_values_are_kept() -> None:
    profile = CompanyProfile(
        timezone="Asia/Shanghai",
        default_country=" gb ",
        custom_fields={"Fleet_Size_2": CustomField()},
    )
    assert (profile.timezone, profile.default_country) == ("Asia/Shanghai", "GB")
    assert list(profile.custom_fields) == ["fleet_size_2"], "headers match in lowercase"


def test_a_bad_environment_variable_is_named_and_its_value_not_echoed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LITCENTER_SMTP_PORT", "hunter2")
    with pytest.raises(BadInput) as refused:
        Settings()
    message = str(refused.value)
    assert message.startswith("LITCENTER_SMTP_PORT: Input should be a valid integer")
    assert message.endswith("; correct it or unset it")
    assert "hunter2" not in message
