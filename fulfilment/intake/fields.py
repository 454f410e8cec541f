"""The standard inquiry fields: the columns every inquiry file may have, by their header."""

STANDARD_FIELDS = (
    "external_id", "received_at", "name", "title", "company", "address1", "address2", "city",
    "region", "postcode", "country", "phone", "fax", "email", "products", "source",
    "source_detail", "source_page", "response", "timeframe", "urgency", "use", "comments",
)  # fmt: skip
