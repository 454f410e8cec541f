"""Follow-up calls fall on working days, sooner for rush inquiries and at home."""

from datetime import date

from fulfilment.batch.numbers import packet_number
from fulfilment.followups import add_business_days, call_due, most_urgent


def test_business_days_skip_weekends() -> None:
    friday = date(2026, 11, 27)
    assert add_business_days(friday, 1) == date(2026, 11, 30)
    assert add_business_days(friday, 5) == date(2026, 12, 4)


def test_a_packets_call_follows_its_first_rush_inquiry_else_its_first() -> None:
    assert most_urgent(["normal", "rush", "rush"]) == 1
    assert most_urgent(["normal", "info"]) == 0
    assert most_urgent(["rush"]) == 0


def test_call_due_by_urgency_and_destination() -> None:
    monday = date(2026, 11, 23)
    assert call_due(monday, rush=True, domestic=False) == date(2026, 11, 25)
    assert call_due(monday, rush=False, domestic=True) == date(2026, 11, 26)
    assert call_due(monday, rush=False, domestic=False) == date(2026, 12, 2)


def test_packet_numbers_sort_by_date_and_position() -> None:
    assert packet_number(date(2026, 11, 23), 42) == "P20261123-00042"
    assert packet_number(date(2026, 11, 23), 9) < packet_number(date(2026, 11, 23), 10)
