"""Low stock, days of cover from picks or inquiries, and the reorder report."""

from datetime import timedelta
from pathlib import Path

from fulfilment.db import unit_of_work
from fulfilment.intake.service import import_inquiries
from fulfilment.settings import CompanyProfile
from inventory.allocation import Request, allocate, pick
from inventory.reorder import reorder_report
from tests.integration.inventory.stockroom import NOW, add, level
from tests.support.samples import GOOD, write_csv


def test_low_means_available_at_or_below_the_reorder_point(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=6, reorder_point=5, reorder_qty=100)
    assert not level(url, "BR-A").low

    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-1", "BR-A", 1)], now=NOW)
        uow.commit()

    line = level(url, "BR-A")
    assert (line.available, line.low) == (5, True)
    with unit_of_work(url) as uow:
        [report] = reorder_report(uow.session, now=NOW)
    assert (report.code, report.order_qty) == ("BR-A", 100)
    assert "5 available, reorder point 5" in report.reason


def test_days_of_cover_come_from_the_last_30_days_of_picks(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=100)
    keys = [f"P-{n}" for n in range(15)]
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request(key, "BR-A", 2) for key in keys], now=NOW)
        uow.commit()
    with unit_of_work(url) as uow:
        pick(uow.session, keys[:10], now=NOW - timedelta(days=40))
        uow.commit()
    with unit_of_work(url) as uow:
        pick(uow.session, keys[10:], now=NOW - timedelta(days=3))
        uow.commit()

    line = level(url, "BR-A")

    assert line.daily_demand == round(10 / 30, 2)
    assert line.days_of_cover == round(70 / (10 / 30), 1)


def test_with_few_picks_the_inquiry_rate_speaks(url: str, home: Path, tmp_path: Path) -> None:
    add(url, "BR-250", home=home, shelf_qty=12, products=("PMP-250",))
    add(url, "BR-SNS", home=home, shelf_qty=12, products=("SNS-P1",))
    received = (NOW - timedelta(days=2)).isoformat()
    rows = [
        {**GOOD, "external_id": f"W-{n}", "email": f"x{n}@example.com", "received_at": received}
        for n in range(6)
    ]
    with unit_of_work(url) as uow:
        import_inquiries(
            uow, write_csv(tmp_path / "in.csv", rows), profile=CompanyProfile(), now=NOW
        )

    asked = level(url, "BR-250")
    assert asked.daily_demand == round(6 / 30, 2)
    assert asked.days_of_cover == 60.0
    assert level(url, "BR-SNS").days_of_cover is None


def test_backorders_put_an_item_on_the_report(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=1, reorder_point=0, reorder_qty=0)
    add(url, "BR-B", home=home, shelf_qty=50, reorder_point=10)
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-1", "BR-A", 1), Request("P-2", "BR-A", 3)], now=NOW)
        uow.commit()

    with unit_of_work(url) as uow:
        [report] = reorder_report(uow.session, now=NOW)

    assert (report.code, report.backordered, report.order_qty) == ("BR-A", 3, 3)
