"""Longest text each stored field accepts; intake validation and the columns share these."""

FIELD_LENGTHS: dict[str, int] = {
    "external_id": 100,
    "name": 120,
    "title": 80,
    "company": 160,
    "address1": 200,
    "address2": 200,
    "city": 100,
    "region": 100,
    "postcode": 20,
    "country": 2,
    "phone": 40,
    "fax": 40,
    "email": 254,
    "source": 120,
    "source_detail": 200,
    "source_page": 20,
    "use": 500,
    "comments": 4000,
}
