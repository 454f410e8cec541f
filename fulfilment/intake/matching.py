"""Keys that tell whether an inquiry comes from a contact we already know."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def email_key(email: str) -> str | None:
    """E-mail addresses match case-insensitively, ignoring surrounding spaces."""
    key = email.strip().casefold()
    return key or None


def _normal(text: str) -> str:
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def person_key(*, name: str, company: str, postcode: str) -> str:
    """Name + company + postcode, with case, spacing, punctuation and width folded away."""
    return "|".join(_normal(part) for part in (name, company, postcode.replace(" ", "")))
