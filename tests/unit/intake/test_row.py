"""Row validation: every quarantine reason, all reasons at once, text kept as typed."""

import pytest

from fulfilment.intake.row import RowValidator, ValidRow
from fulfilment.settings import CompanyProfile, CustomField
from tests.support.samples import CHINESE, GOOD

CODES = {"PMP-100", "PMP-250", "VLV-20", "SNS-P1", "SW-MON"}


@pytest.fixture
def validator() -> RowValidator:
    return RowValidator(profile=CompanyProfile(default_country="US"), product_codes=CODES)


def reasons(validator: RowValidator, **changes: str) -> list[str]:
    result = validator.validate({**GOOD, **changes})
    assert isinstance(result, list), "the row was expected to be refused"
    return result


def test_a_good_row_is_accepted_with_its_address_normalised(validator: RowValidator) -> None:
    result = validator.validate(GOOD)
    assert isinstance(result, ValidRow)
    assert result.row.products == ["PMP-250", "VLV-20"]
    assert (result.row.response, result.row.timeframe, result.row.urgency) == ("both", "3m", "rush")
    assert (result.address.city, result.address.region, result.address.country) == (
        "OAKLAND", "CA", "US",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"received_at": "last Tuesday"}, "received_at: 'last Tuesday' is not a date"),
        ({"received_at": ""}, "received_at: missing"),
        ({"products": "PMP-250;XX-9"}, "unknown product code XX-9"),
        ({"name": "", "company": ""}, "name and company are both empty"),
        ({"name": "N" * 121}, "name: 121 characters, at most 120 allowed"),
        ({"email": "jane@"}, "email: 'jane@' is not a valid e-mail address"),
        ({"postcode": "9460"}, "address rejected for US: postcode is not valid"),
        ({"country": "XX"}, "country 'XX' is not an ISO 3166 alpha-2 code"),
        ({"response": "fax"}, "response: 'fax' is not one of: both, call, email, mail"),
        ({"timeframe": "soon"}, "timeframe: 'soon' is not one of"),
        ({"urgency": "asap"}, "urgency: 'asap' is not one of"),
    ],
)
def test_each_reason_is_named(
    validator: RowValidator, changes: dict[str, str], expected: str
) -> None:
    assert any(expected in reason for reason in reasons(validator, **changes))


def test_every_reason_of_a_row_is_collected(validator: RowValidator) -> None:
    found = reasons(
        validator, received_at="x", products="NOPE", email="bad", name="", company="", postcode="1"
    )
    assert len(found) == 5
    assert [r.split(":")[0] for r in found] == [
        "name and company are both empty; give at least one",
        "received_at", "email", "products", "address",
    ]  # fmt: skip


def test_empty_country_means_the_default_country() -> None:
    validator = RowValidator(profile=CompanyProfile(default_country="GB"), product_codes=CODES)
    result = validator.validate(
        {"name": "James Smith", "received_at": "2026-11-20", "address1": "10 Downing St",
         "city": "London", "postcode": "sw1a 2aa"}
    )  # fmt: skip
    assert isinstance(result, ValidRow)
    assert (result.address.country, result.address.postcode) == ("GB", "SW1A 2AA")


def test_chinese_address_is_accepted_and_kept(validator: RowValidator) -> None:
    result = validator.validate(CHINESE)
    assert isinstance(result, ValidRow)
    assert result.row.name == "王伟"
    assert (result.address.region, result.address.city) == ("上海市", "浦东新区")


def test_chinese_address_without_province_is_refused(validator: RowValidator) -> None:
    assert validator.validate({**CHINESE, "region": ""}) == [
        "address: address rejected for CN: region is required"
    ]


@pytest.mark.parametrize("text", ["{{ 7*7 }}", "{% raw %}", "<b>Bold & co</b>", "${name}"])
def test_template_looking_text_is_kept_exactly(validator: RowValidator, text: str) -> None:
    result = validator.validate({**GOOD, "name": text, "comments": text})
    assert isinstance(result, ValidRow)
    assert (result.row.name, result.row.comments) == (text, text)


def test_extra_columns_are_kept_not_lost(validator: RowValidator) -> None:
    result = validator.validate({**GOOD, "fax_cover": "yes please"})
    assert isinstance(result, ValidRow)
    assert result.extra == {"fax_cover": "yes please"}


def custom_validator() -> RowValidator:
    profile = CompanyProfile(
        custom_fields={
            "already_insured": CustomField(type="bool", required=True),
            "fleet_size": CustomField(type="int"),
            "plan": CustomField(type="choice", choices=["Basic", "Premium"]),
            "renewal": CustomField(type="date"),
            "broker": CustomField(type="text", max_length=10),
        }
    )
    return RowValidator(profile=profile, product_codes=CODES)


def test_custom_fields_are_typed_and_stored() -> None:
    result = custom_validator().validate(
        {**GOOD, "already_insured": "yes", "fleet_size": "12", "plan": "premium",
         "renewal": "2027-01-31"}
    )  # fmt: skip
    assert isinstance(result, ValidRow)
    assert result.custom == {
        "already_insured": True, "fleet_size": 12, "plan": "Premium", "renewal": "2027-01-31",
    }  # fmt: skip


def test_bad_custom_values_are_reasons() -> None:
    found = custom_validator().validate(
        {**GOOD, "fleet_size": "a dozen", "plan": "Gold", "broker": "B" * 11}
    )
    assert isinstance(found, list)
    assert "already_insured: required by litcenter.toml but empty" in found
    assert any(r.startswith("fleet_size:") for r in found)
    assert "plan: 'Gold' is not one of: Basic, Premium" in found
    assert "broker: 11 characters, at most 10 allowed; shorten it" in found


def test_a_nul_anywhere_in_a_row_is_a_reason(validator: RowValidator) -> None:
    found = validator.validate({**GOOD, "comments": "call\x00me", "fax cover\x00": "yes"})
    assert found == [
        "comments: contains a NUL character (shown as \ufffd); correct it",
        "fax cover\ufffd: contains a NUL character (shown as \ufffd); correct it",
    ]
