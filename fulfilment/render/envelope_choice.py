"""Choosing the smallest envelope a packet fits in."""

from fulfilment.errors import BadInput
from fulfilment.render.stationery import envelope, envelope_codes, letter_countries, paper


def choose_envelope(sheet_count: int, largest_brochure_size: str | None, country: str) -> str:
    """The smallest envelope of the country's paper family holding the sheets and the brochure.

    `largest_brochure_size` names a paper size ("a4", "dl", "letter" ...), None when no
    brochure goes in; brochures travel flat, letter sheets folded.
    """
    family = "letter" if country.upper() in letter_countries() else "a4"
    brochure = paper(largest_brochure_size) if largest_brochure_size else None
    fitting = [
        stock
        for stock in map(envelope, envelope_codes())
        if stock.paper == family
        and sheet_count <= stock.max_sheets
        and (brochure is None or brochure.fits_within(stock.insert.width, stock.insert.height))
    ]
    if not fitting:
        size = f" and a {largest_brochure_size} brochure" if brochure else ""
        raise BadInput(
            f"no envelope holds {sheet_count} sheets{size} for {country}; "
            "split the packet or add a larger envelope to templates/labels/envelopes.toml"
        )
    return min(fitting, key=lambda stock: stock.width * stock.height).code
