"""Money as people type it: a non-negative decimal, thousands marked with commas or not."""

import re
from decimal import Decimal

AMOUNT = re.compile(r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|\.\d+")


def parse_amount(text: str) -> Decimal | None:
    """The amount `1,250.00`, `1250` or `0.35` stands for; None if it is not one."""
    value = text.strip()
    if not AMOUNT.fullmatch(value):
        return None
    return Decimal(value.replace(",", ""))
