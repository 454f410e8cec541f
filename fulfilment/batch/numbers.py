"""Packet numbers: the batch's date and the packet's place in it, stable across re-runs."""

from datetime import date


def packet_number(business_date: date, position: int) -> str:
    """E.g. P20261123-00042: readable on the phone, sortable, and short enough for Code128."""
    return f"P{business_date:%Y%m%d}-{position:05d}"
