"""The four reports on a hand-made center: every median, share, cost and list as counted."""

from datetime import date
from typing import Any

import pytest

from fulfilment.db import unit_of_work
from fulfilment.reports.calls import calls_report
from fulfilment.reports.literature import literature_report
from fulfilment.reports.model import Report
from fulfilment.reports.sources import sources_report
from fulfilment.reports.turnaround import turnaround_report
from tests.support.report_world import END, PROFILE, START, build


def _run(url: str, builder: Any, start: date = START, end: date = END) -> Report:
    with unit_of_work(url) as uow:
        report: Report = builder(uow.session, start=start, end=end, profile=PROFILE)
    return report


@pytest.fixture
def world(database_url: str) -> dict[str, int]:
    return build(database_url)


def _table(report: Report, title_start: str) -> list[tuple[Any, ...]]:
    [found] = [t for t in report.tables if t.title.startswith(title_start)]
    return list(found.rows)


def test_turnaround_medians_and_90th_percentiles_per_stage(
    database_url: str, world: dict[str, int]
) -> None:
    report = _run(database_url, turnaround_report)

    assert "calendar days" in report.title
    assert report.period == "2026-11-02 to 2026-11-29"
    assert _table(report, "By stage") == [
        ("received to printed", 4, 0.94, 1.7),
        ("printed to mailed", 4, 0.5, 0.85),
        ("mailed to first call", 4, 1.75, 3.4),
        ("first call to first reached", 4, 0.5, 1.0),
        ("received to first reached", 4, 3.94, 6.1),
    ]
    assert report.figures["counts"] == {
        "received": 6, "printed": 4, "mailed": 4, "first_call": 4, "first_reached": 4,
    }  # fmt: skip
    # I1, I2 (its packet's call) and I5 on time; I3 late; I4 never called; I6 due after the end.
    assert report.figures["first_call_on_time"] == {"due": 5, "on_time": 3, "share": 0.6}


def test_turnaround_by_week_source_and_rep(database_url: str, world: dict[str, int]) -> None:
    figures = _run(database_url, turnaround_report).figures

    weeks = figures["by_week"]
    assert {week: group["inquiries"] for week, group in weeks.items()} == {
        "2026-W45": 2, "2026-W46": 2, "2026-W47": 1, "2026-W48": 1,
    }  # fmt: skip
    assert weeks["2026-W45"]["received_to_printed"] == {"inquiries": 2, "median": 0.94,
                                                         "p90": 0.99}  # fmt: skip
    assert weeks["2026-W46"]["mailed_to_first_call"]["median"] == 4.0
    assert weeks["2026-W48"]["received_to_printed"]["median"] is None
    assert sorted(figures["by_source"]) == ["(none)", "Magazine ad", "Trade show"]
    assert figures["by_source"]["Magazine ad"]["received_to_first_reached"]["median"] == 4.62
    assert figures["by_rep"]["Rep A"]["first_call_to_first_reached"]["median"] == 1.0
    assert figures["by_rep"]["(none)"]["inquiries"] == 1


def test_turnaround_charts_the_weekly_medians(database_url: str, world: dict[str, int]) -> None:
    [chart] = _run(database_url, turnaround_report).charts

    assert (chart.kind, chart.categories) == ("line", ("2026-W45", "2026-W46", "2026-W47",
                                                        "2026-W48"))  # fmt: skip
    printed = next(s for s in chart.series if s.name == "received to printed")
    assert printed.values == (0.94, 2.0, 0.25, None)


def test_sources_cost_per_inquiry_per_win_and_return(
    database_url: str, world: dict[str, int]
) -> None:
    figures = _run(database_url, sources_report).figures["by_source"]

    # Packet 1: 2 x 0.50 + 1 x 2.00 picked (skipped and backordered items cost nothing) + 1.50.
    assert figures["Trade show"] == {
        "inquiries": 2, "packets": 1, "calls": 3, "average_rating": 7.0, "meetings": 1,
        "wins": 1, "won_amount": 5000.0, "source_cost": 1000.0, "packet_cost": 4.5,
        "cost": 1004.5, "cost_per_inquiry": 502.25, "cost_per_win": 1004.5,
        "return_on_cost": 4.98,
    }  # fmt: skip
    # Packet 2: 1.25 + 1.50 postage; the e-mailed packet 3 costs nothing; December not counted.
    assert figures["Magazine ad"] == {
        "inquiries": 3, "packets": 2, "calls": 3, "average_rating": 5.0, "meetings": 0,
        "wins": 0, "won_amount": 0.0, "source_cost": 500.0, "packet_cost": 2.75,
        "cost": 502.75, "cost_per_inquiry": 167.58, "cost_per_win": None,
        "return_on_cost": 0.0,
    }  # fmt: skip
    assert figures["Radio"]["cost"] == 200.0
    assert (figures["Radio"]["inquiries"], figures["Radio"]["cost_per_inquiry"]) == (0, None)
    assert figures["(none)"]["cost_per_inquiry"] == 0.0


def test_sources_by_detail_and_cohorts_by_month(database_url: str, world: dict[str, int]) -> None:
    report = _run(database_url, sources_report, start=date(2026, 10, 1))

    by_detail = {(row["source"], row["detail"]): row for row in report.figures["by_detail"]}
    assert by_detail[("Trade show", "PumpTec")]["source_cost"] == 1700.0
    assert by_detail[("Trade show", "PumpTec")]["won_amount"] == 6000.0
    assert report.figures["cohorts"] == [
        {"source": "(none)", "month": "2026-11", "inquiries": 1, "wins": 0, "won_amount": 0.0},
        {"source": "Magazine ad", "month": "2026-11", "inquiries": 3, "wins": 0,
         "won_amount": 0.0},
        {"source": "Trade show", "month": "2026-10", "inquiries": 1, "wins": 1,
         "won_amount": 1000.0},
        {"source": "Trade show", "month": "2026-11", "inquiries": 2, "wins": 1,
         "won_amount": 5000.0},
    ]  # fmt: skip
    cost_chart, won_chart = report.charts
    assert cost_chart.categories == ("(none)", "Magazine ad", "Radio", "Trade show")
    assert won_chart.series[0].values == (0.0, 0.0, 0.0, 6000.0)


def test_calls_ratings_against_outcomes(database_url: str, world: dict[str, int]) -> None:
    report = _run(database_url, calls_report)

    rows = {row[0]: row for row in _table(report, "Latest rating")}
    # I3's latest rating is 3 and it was lost; I1 (7, then won unrated) and I5 (7, open).
    assert rows[3] == (3, 1, 0, 1, 0, 0.0)
    assert rows[7] == (7, 2, 1, 0, 1, 0.5)
    assert rows[8] == (8, 0, 0, 0, 0, None)
    assert rows[9] == (9, 0, 0, 0, 0, None)
    assert sum(row[1] for row in rows.values()) == 3
    [chart] = report.charts
    assert chart.series[0].values[2] == 0.0 and chart.series[0].values[6] == 0.5


def test_calls_overdue_and_per_rep(database_url: str, world: dict[str, int]) -> None:
    figures = _run(database_url, calls_report).figures

    assert figures["overdue"] == [
        {"rep": "Rep A", "inquiry_id": world["i7"], "contact": "Pat", "due_on": "2026-11-12",
         "days_overdue": 17, "attempt": 2},
        {"rep": "Rep B", "inquiry_id": world["i4"], "contact": "Max", "due_on": "2026-11-20",
         "days_overdue": 9, "attempt": 1},
    ]  # fmt: skip
    assert figures["overdue_by_rep"] == {"Rep A": 1, "Rep B": 1}
    assert figures["per_rep"] == [
        {"rep": "Rep A", "made": 4, "reached": 3, "average_rating": 8.0, "wins": 2},
        {"rep": "Rep B", "made": 3, "reached": 3, "average_rating": 5.0, "wins": 0},
    ]


def test_literature_aging_usage_and_gaps(database_url: str, world: dict[str, int]) -> None:
    report = _run(database_url, literature_report)

    assert report.figures["waiting"] == 2
    assert [(a["inquiry_id"], a["age_days"], a["contact"]) for a in report.figures["aging"]] == [
        (world["i4"], 19, "Max"), (world["i6"], 6, "Oli"),
    ]  # fmt: skip
    assert _table(report, "Copies sent") == [
        ("BR-A", "Title BR-A", 2, 1, 0.5, 1.0),
        ("BR-B", "Title BR-B", 1, 1, 1.25, 1.25),
        ("CAT", "Title CAT", 1, 1, 2.0, 2.0),
    ]
    assert report.figures["gaps"] == [
        {"code": "VLV-9", "name": "Product VLV-9", "inquiries": 1, "oldest": "2026-11-10"}
    ]


def test_a_period_without_inquiries_gives_empty_tables(
    database_url: str, world: dict[str, int]
) -> None:
    start, end = date(2025, 1, 1), date(2025, 1, 31)

    turnaround = _run(database_url, turnaround_report, start, end)
    sources = _run(database_url, sources_report, start, end)

    assert turnaround.figures["counts"]["received"] == 0
    assert turnaround.figures["stages"]["received_to_printed"]["median"] is None
    assert turnaround.figures["first_call_on_time"]["share"] is None
    assert sources.figures["by_source"] == {}
