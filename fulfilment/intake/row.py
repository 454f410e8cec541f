"""Validate one inquiry row: every problem becomes a reason, so a row is quarantined once."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
)

from fulfilment.intake import values
from fulfilment.intake.addresses import PostalAddress, normalise
from fulfilment.intake.fields import STANDARD_FIELDS
from fulfilment.limits import FIELD_LENGTHS
from fulfilment.settings import CompanyProfile, CustomField

_ADDRESS_FIELDS = ("address1", "address2", "city", "region", "postcode", "country")
NUL, REPLACEMENT = "\x00", "\ufffd"


def _text(field: str) -> Any:
    return Field(default="", max_length=FIELD_LENGTHS[field])


def _context(info: ValidationInfo) -> dict[str, Any]:
    assert info.context is not None, "RowValidator passes the context"
    return dict(info.context)


class InquiryRow(BaseModel):
    """The standard fields of an inquiry row, parsed and checked."""

    model_config = ConfigDict(str_strip_whitespace=True)

    external_id: str = _text("external_id")
    received_at: datetime
    name: str = _text("name")
    title: str = _text("title")
    company: str = _text("company")
    address1: str = _text("address1")
    address2: str = _text("address2")
    city: str = _text("city")
    region: str = _text("region")
    postcode: str = _text("postcode")
    country: str = _text("country")
    phone: str = _text("phone")
    fax: str = _text("fax")
    email: str = _text("email")
    products: list[str] = Field(default_factory=list)
    source: str = _text("source")
    source_detail: str = _text("source_detail")
    source_page: str = _text("source_page")
    response: str = "mail"
    timeframe: str = "unknown"
    urgency: str = "normal"
    use: str = _text("use")
    comments: str = _text("comments")

    @field_validator("received_at", mode="before")
    @classmethod
    def _received_at(cls, value: str, info: ValidationInfo) -> datetime:
        if not value.strip():
            raise ValueError("missing; give the date the inquiry arrived")
        try:
            return values.parse_received_at(value, _context(info)["timezone"])
        except ValueError:
            raise ValueError(
                f"{value.strip()!r} is not a date; use YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY"
            ) from None

    @field_validator("products", mode="before")
    @classmethod
    def _products(cls, value: str, info: ValidationInfo) -> list[str]:
        codes = values.split_products(value)
        unknown = [code for code in codes if code not in _context(info)["product_codes"]]
        if unknown:
            raise ValueError(
                f"unknown product code {', '.join(unknown)}; "
                "fix the code or add it with 'litcenter products import'"
            )
        return codes

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: str, info: ValidationInfo) -> str:
        return value.strip().upper() or _context(info)["default_country"]

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value:
            try:
                validate_email(value, check_deliverability=False)
            except EmailNotValidError as exc:
                raise ValueError(f"{value!r} is not a valid e-mail address ({exc})") from None
        return value

    @field_validator("response", mode="before")
    @classmethod
    def _response(cls, value: str) -> str:
        table = {code: code for code in values.RESPONSES} | {"": "mail"}
        return values.choose(value, table)

    @field_validator("timeframe", mode="before")
    @classmethod
    def _timeframe(cls, value: str) -> str:
        return values.choose(value, values.TIMEFRAMES)

    @field_validator("urgency", mode="before")
    @classmethod
    def _urgency(cls, value: str) -> str:
        return values.choose(value, values.URGENCIES)

    def postal_address(self) -> PostalAddress:
        return PostalAddress(
            address1=self.address1,
            address2=self.address2,
            city=self.city,
            region=self.region,
            postcode=self.postcode,
            country=self.country,
        )


@dataclass(frozen=True)
class ValidRow:
    """A row that passed every check, with its address normalised and custom values typed."""

    row: InquiryRow
    address: PostalAddress
    custom: dict[str, Any]
    extra: dict[str, str]


class RowValidator:
    """Checks rows against the product range and the deployment's custom fields."""

    def __init__(self, *, profile: CompanyProfile, product_codes: set[str]) -> None:
        self._context = {
            "timezone": profile.timezone,
            "default_country": profile.default_country,
            "product_codes": product_codes,
        }
        self._custom_fields = profile.custom_fields
        self._custom_model = _custom_model(self._custom_fields)

    def validate(self, fields: dict[str, str]) -> ValidRow | list[str]:
        """The valid row, or every reason it cannot be accepted."""
        reasons = _nul_reasons(fields)
        standard = {key: fields.get(key, "") for key in STANDARD_FIELDS}
        if not standard["name"].strip() and not standard["company"].strip():
            reasons.append("name and company are both empty; give at least one")
        row: InquiryRow | None = None
        try:
            row = InquiryRow.model_validate(standard, context=self._context)
        except ValidationError as exc:
            reasons.extend(_reasons(exc))
        custom: dict[str, Any] = {}
        given = {
            key: value
            for key, value in fields.items()
            if key in self._custom_fields and value.strip()
        }
        try:
            parsed = self._custom_model.model_validate(given)
            custom = {
                key: value.isoformat() if isinstance(value, date) else value
                for key, value in parsed.model_dump().items()
                if value is not None
            }
        except ValidationError as exc:
            reasons.extend(_reasons(exc))
        address = self._address(fields, reasons)
        if reasons or row is None or address is None:
            return reasons
        extra = {
            key: value
            for key, value in fields.items()
            if key not in STANDARD_FIELDS and key not in self._custom_fields and value.strip()
        }
        return ValidRow(row=row, address=address, custom=custom, extra=extra)

    def _address(self, fields: dict[str, str], reasons: list[str]) -> PostalAddress | None:
        raw = {key: fields.get(key, "").strip() for key in _ADDRESS_FIELDS}
        if any(len(raw[key]) > FIELD_LENGTHS[key] for key in raw):
            return None
        try:
            return normalise(
                PostalAddress(
                    address1=raw["address1"],
                    address2=raw["address2"],
                    city=raw["city"],
                    region=raw["region"],
                    postcode=raw["postcode"],
                    country=raw["country"].upper() or str(self._context["default_country"]),
                )
            )
        except ValueError as exc:
            reasons.append(f"address: {exc}")
            return None


def storable(text: str) -> str:
    """Text a database can hold: PostgreSQL text refuses NUL, so it becomes U+FFFD."""
    return text.replace(NUL, REPLACEMENT)


def _nul_reasons(fields: dict[str, str]) -> list[str]:
    # PostgreSQL cannot store NUL in text, and nobody means to type one: a file exported
    # badly has them. The row waits in quarantine, its NULs shown there as U+FFFD.
    return [
        f"{storable(key)}: contains a NUL character (shown as {REPLACEMENT}); correct it"
        for key, value in fields.items()
        if NUL in key or NUL in value
    ]


def _reasons(error: ValidationError) -> list[str]:
    reasons = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "row"
        if item["type"] == "string_too_long":
            limit = item["ctx"]["max_length"]
            reasons.append(
                f"{field}: {len(item['input'])} characters, at most {limit} allowed; shorten it"
            )
        elif item["type"] == "missing":
            reasons.append(f"{field}: required by litcenter.toml but empty")
        else:
            message = item["msg"].removeprefix("Value error, ")
            reasons.append(f"{field}: {message}" if field != "row" else message)
    return reasons


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _custom_type(spec: CustomField) -> Any:
    if spec.type == "choice":
        allowed = {choice.lower(): choice for choice in spec.choices}

        def pick(value: str) -> str:
            key = value.strip().lower()
            if key not in allowed:
                raise ValueError(f"{value.strip()!r} is not one of: {', '.join(spec.choices)}")
            return allowed[key]

        return Annotated[str, BeforeValidator(pick)]
    base: Any = {
        "text": Annotated[str, Field(max_length=spec.max_length)],
        "int": int,
        "number": float,
        "bool": bool,
        "date": date,
    }[spec.type]
    return base


def _custom_model(fields: dict[str, CustomField]) -> type[BaseModel]:
    definitions: dict[str, Any] = {}
    for name, spec in fields.items():
        annotated: Any = Annotated[_custom_type(spec), BeforeValidator(_blank_to_none)]
        definitions[name] = (annotated, ...) if spec.required else (annotated | None, None)
    return create_model(
        "CustomFields", __config__=ConfigDict(str_strip_whitespace=True), **definitions
    )
