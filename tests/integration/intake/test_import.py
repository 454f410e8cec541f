"""Importing inquiry files into a real database (SQLite and PostgreSQL)."""

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from fulfilment.catalog import import_products
from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput
from fulfilment.intake.service import (
    ImportSummary,
    Progress,
    RetryResult,
    import_inquiries,
    retry_quarantined,
)
from fulfilment.models import Contact, Inquiry, Product, QuarantinedRow, Rep
from fulfilment.reps import import_reps
from fulfilment.settings import CompanyProfile, CustomField
from fulfilment.views import inquiry_list, inquiry_show, quarantine_list
from tests.support.samples import CHINESE, GOOD, reference_files, write_csv, write_json

PROFILE = CompanyProfile(default_country="US")
NOW = datetime(2026, 11, 24, 9, 0)


@pytest.fixture
def url(database_url: str, tmp_path: Path) -> str:
    products, reps = reference_files(tmp_path)
    with unit_of_work(database_url) as uow:
        import_products(uow, products)
        import_reps(uow, reps)
    return database_url


def imported(
    url: str, path: Path, *, profile: CompanyProfile = PROFILE, on_progress: Progress | None = None
) -> ImportSummary:
    with unit_of_work(url) as uow:
        return import_inquiries(uow, path, profile=profile, now=NOW, on_progress=on_progress)


def retried(url: str, quarantine_id: int, fixes: dict[str, str]) -> RetryResult:
    with unit_of_work(url) as uow:
        return retry_quarantined(uow, quarantine_id, fixes, profile=PROFILE, now=NOW)


def held_rows(url: str, status: str = "open") -> list[dict[str, Any]]:
    with unit_of_work(url) as uow:
        return quarantine_list(uow.session, status=status)


def inquiries(url: str) -> list[dict[str, Any]]:
    with unit_of_work(url) as uow:
        return inquiry_list(uow.session)


def inquiry_view(url: str, inquiry_id: int) -> dict[str, Any]:
    with unit_of_work(url) as uow:
        return inquiry_show(uow.session, inquiry_id)


def count(url: str, model: type) -> int:
    with unit_of_work(url) as uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0


def test_import_accepts_quarantines_and_counts(url: str, tmp_path: Path) -> None:
    rows = [
        GOOD,
        {**GOOD, "external_id": "W-2", "products": "NOPE"},
        {},
        CHINESE,
    ]
    summary = imported(url, write_csv(tmp_path / "in.csv", rows))
    assert summary.as_dict() == {
        "rows": 3, "accepted": 2, "quarantined": 1, "duplicates": 0, "skipped_blank": 1,
        "unknown_columns": [],
    }  # fmt: skip
    [held] = held_rows(url)
    assert held["row_number"] == 3
    assert held["external_id"] == "W-2"
    assert held["raw"]["products"] == "NOPE"
    assert held["reasons"] == [
        "products: unknown product code NOPE; fix the code or add it with 'litcenter products import'"
    ]


def test_reimporting_the_same_file_adds_nothing(url: str, tmp_path: Path) -> None:
    no_id = {**GOOD, "external_id": "", "name": "Robert Fox", "email": "rob@fox.example"}
    bad = {**GOOD, "external_id": "", "received_at": "soon"}
    path = write_csv(tmp_path / "in.csv", [GOOD, no_id, bad])
    first = imported(url, path)
    again = imported(url, path)
    assert (first.accepted, first.quarantined) == (2, 1)
    assert (again.accepted, again.quarantined, again.duplicates) == (0, 0, 3)
    assert (count(url, Inquiry), count(url, QuarantinedRow)) == (2, 1)


def test_same_external_id_twice_in_one_file_is_one_inquiry(url: str, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [GOOD, {**GOOD, "comments": "edited copy"}])
    summary = imported(url, path)
    assert (summary.accepted, summary.duplicates) == (1, 1)


def test_contacts_match_by_email_case_insensitively(url: str, tmp_path: Path) -> None:
    second = {**GOOD, "external_id": "W-9", "email": "  JANE.COOPER@Bayview.example ",
              "name": "J. Cooper", "products": "SNS-P1"}  # fmt: skip
    imported(url, write_csv(tmp_path / "in.csv", [GOOD, second]))
    assert count(url, Contact) == 1
    assert len({row["contact_id"] for row in inquiries(url)}) == 1


def test_different_emails_under_one_name_are_different_contacts(url: str, tmp_path: Path) -> None:
    namesake = {**GOOD, "external_id": "W-2", "email": "jane@other.example"}
    imported(url, write_csv(tmp_path / "in.csv", [GOOD, namesake]))
    assert count(url, Contact) == 2


def test_contacts_match_by_name_company_and_postcode_without_email(
    url: str, tmp_path: Path
) -> None:
    first = {**GOOD, "email": ""}
    second = {**first, "external_id": "W-3", "name": "jane  COOPER", "company": "Bayview Foods.",
              "products": "SNS-P1", "phone": "+1 510 555 0101"}  # fmt: skip
    elsewhere = {**first, "external_id": "W-4", "address1": "1 Other St", "city": "San Francisco",
                 "postcode": "94105"}  # fmt: skip
    imported(url, write_csv(tmp_path / "in.csv", [first, second, elsewhere]))
    contacts = {row["external_id"]: row["contact_id"] for row in inquiries(url)}
    assert contacts["W-1"] == contacts["W-3"] != contacts["W-4"]
    shown = inquiry_view(url, next(r for r in inquiries(url) if r["external_id"] == "W-1")["id"])
    assert shown["contact"]["phone"] == "+1 510 555 0101", "a later row fills a blank field"


def test_matching_also_works_across_imports_and_chunks(url: str, tmp_path: Path) -> None:
    imported(url, write_csv(tmp_path / "a.csv", [GOOD]))
    later = {**GOOD, "external_id": "W-7", "email": GOOD["email"].upper()}
    imported(url, write_csv(tmp_path / "b.csv", [later]))
    assert count(url, Contact) == 1


def test_rep_is_assigned_by_the_most_specific_territory(url: str, tmp_path: Path) -> None:
    rows = [
        GOOD,
        {**GOOD, "external_id": "SF", "city": "San Francisco", "postcode": "94105"},
        {**GOOD, "external_id": "NY", "city": "New York", "region": "NY", "postcode": "10001",
         "email": "ny@example.com"},
        {**GOOD, "external_id": "SW", "city": "Austin", "region": "TX", "postcode": "73301",
         "email": "sw@example.com", "products": "SW-MON"},
        CHINESE,
        {**GOOD, "external_id": "DE", "country": "DE", "region": "", "city": "Berlin",
         "postcode": "10117", "address1": "Unter den Linden 1", "email": "de@example.com"},
    ]  # fmt: skip
    imported(url, write_csv(tmp_path / "in.csv", rows))
    reps = {row["external_id"]: row["rep"] for row in inquiries(url)}
    assert reps == {"W-1": "R-CA", "SF": "R-SF", "NY": "R-US", "SW": "R-SW", "W-CN": "R-CN",
                    "DE": None}  # fmt: skip


def test_chinese_text_and_template_looking_text_are_stored_exactly(
    url: str, tmp_path: Path
) -> None:
    odd = {**GOOD, "external_id": "T", "name": "{{ 7*7 }}", "company": "<b>Acme & Co</b>",
           "comments": "{% for x in y %}", "email": "t@example.com"}  # fmt: skip
    imported(url, write_json(tmp_path / "in.json", [CHINESE, odd]))
    by_id = {row["external_id"]: row["id"] for row in inquiries(url)}
    chinese = inquiry_view(url, by_id["W-CN"])
    assert chinese["contact"]["name"] == "王伟"
    assert chinese["contact"]["address_lines"] == [
        "200120", "上海市浦东新区", "世纪大道100号", "上海华东化工有限公司", "王伟", "CHINA",
    ]  # fmt: skip
    template = inquiry_view(url, by_id["T"])
    assert (template["contact"]["name"], template["contact"]["company"]) == (
        "{{ 7*7 }}", "<b>Acme & Co</b>",
    )  # fmt: skip
    assert template["comments"] == "{% for x in y %}"


def test_custom_fields_are_validated_and_stored(url: str, tmp_path: Path) -> None:
    profile = CompanyProfile(
        custom_fields={"Already_Insured": CustomField(type="bool", required=True)}
    )
    rows = [
        {**GOOD, "already_insured": "no"},
        {**GOOD, "external_id": "W-2", "email": "b@example.com", "already_insured": "perhaps"},
    ]
    summary = imported(url, write_csv(tmp_path / "in.csv", rows), profile=profile)
    assert (summary.accepted, summary.quarantined) == (1, 1)
    shown = inquiry_view(url, inquiries(url)[0]["id"])
    assert shown["custom"] == {"already_insured": False}
    assert held_rows(url)[0]["reasons"][0].startswith("already_insured:")


def test_the_timeline_records_receipt_import_and_rep(url: str, tmp_path: Path) -> None:
    imported(url, write_csv(tmp_path / "in.csv", [GOOD]))
    shown = inquiry_view(url, inquiries(url)[0]["id"])
    assert [(e["kind"], e["detail"]) for e in shown["timeline"]][:2] == [
        ("received", "via Trade show, PumpTec 2026"),
        ("imported", "in.csv row 2"),
    ]
    assert shown["timeline"][2] == {
        **shown["timeline"][2],
        "kind": "assigned",
        "detail": "rep R-CA",
    }
    assert shown["rep"]["name"] == "Maria Lopez"


def test_retry_with_fixes_accepts_the_row(url: str, tmp_path: Path) -> None:
    bad = {**GOOD, "postcode": "9460", "received_at": "yesterday"}
    imported(url, write_csv(tmp_path / "in.csv", [bad]))
    [held] = held_rows(url)
    still = retried(url, held["id"], {"Postcode": "94607"})
    assert not still.accepted
    assert still.reasons == [
        "received_at: 'yesterday' is not a date; use YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY"
    ]
    assert held_rows(url)[0]["fixes"] == {"postcode": "94607"}, "typed fixes are kept"
    done = retried(url, held["id"], {"received_at": "2026-11-20"})
    assert done.accepted
    shown = inquiry_view(url, done.inquiry_id)
    assert shown["contact"]["address"]["postcode"] == "94607"
    assert "from quarantine" in shown["timeline"][1]["detail"]
    assert held_rows(url) == []
    assert held_rows(url, status="accepted")[0]["inquiry_id"] == done.inquiry_id
    again = imported(url, tmp_path / "in.csv")
    assert (again.accepted, again.duplicates) == (0, 1), "the original file stays imported"


def test_retry_refuses_unknown_fields_and_finished_rows(url: str, tmp_path: Path) -> None:
    imported(url, write_csv(tmp_path / "in.csv", [{**GOOD, "postcode": "1"}]))
    held_id = held_rows(url)[0]["id"]
    with pytest.raises(BadInput, match="unknown field postcod"):
        retried(url, held_id, {"postcod": "94607"})
    retried(url, held_id, {"postcode": "94607"})
    with pytest.raises(BadInput, match="already accepted"):
        retried(url, held_id, {})


def test_a_corrected_file_supersedes_the_quarantined_row(url: str, tmp_path: Path) -> None:
    imported(url, write_csv(tmp_path / "a.csv", [{**GOOD, "postcode": "1"}]))
    summary = imported(url, write_csv(tmp_path / "b.csv", [GOOD]))
    assert summary.accepted == 1
    assert held_rows(url) == []
    assert held_rows(url, status="superseded")[0]["external_id"] == "W-1"


def test_a_file_larger_than_a_chunk(url: str, tmp_path: Path) -> None:
    rows = [
        {**GOOD, "external_id": f"B-{n}", "name": f"Person {n % 700}",
         "email": f"p{n % 700}@example.com"}
        for n in range(1200)
    ]  # fmt: skip
    progress: list[tuple[int, int]] = []
    summary = imported(
        url, write_csv(tmp_path / "big.csv", rows),
        on_progress=lambda done, total: progress.append((done, total)),
    )  # fmt: skip
    assert summary.accepted == 1200
    assert count(url, Contact) == 700
    assert progress == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_a_row_with_nul_is_quarantined_and_the_rest_of_the_file_imported(
    url: str, tmp_path: Path
) -> None:
    rows = [
        {**GOOD, "external_id": "W-\x00", "name": "Jane\x00Cooper"},
        {**GOOD, "external_id": "W-2", "email": "b@example.com"},
    ]
    summary = imported(url, write_csv(tmp_path / "in.csv", rows))
    assert (summary.accepted, summary.quarantined) == (1, 1)
    [held] = held_rows(url)
    assert (held["external_id"], held["raw"]["name"]) == ("W-\ufffd", "Jane\ufffdCooper")
    assert held["reasons"] == [
        "external_id: contains a NUL character (shown as \ufffd); correct it",
        "name: contains a NUL character (shown as \ufffd); correct it",
    ]
    fixed = {"external_id": "W-3", "name": "Jane Cooper"}
    assert retried(url, held["id"], fixed).accepted


@pytest.mark.parametrize(
    ("kind", "content", "problem"),
    [
        ("products", f"code,name\nA,Alpha\nB,{'N' * 201}\n", "row 3: name has 201 characters"),
        ("products", f"code,name\nA,Alpha\n{'C' * 41},Beta\n", "row 3: code has 41 characters"),
        ("products", "code,name\nA,Alpha\nB,Be\x00ta\n", "row 3: name contains a NUL"),
        ("reps", f"code,name\nR-1,Ann\nR-2,{'N' * 121}\n", "row 3: name has 121 characters"),
        (
            "reps",
            f"code,name,families\nR-1,Ann,\nR-2,Bob,Pumps;{'F' * 101}\n",
            "row 3: families has a value of 101 characters, at most 100 fit",
        ),
    ],
)
def test_a_reference_file_that_cannot_be_stored_is_refused_whole(
    database_url: str, tmp_path: Path, kind: str, content: str, problem: str
) -> None:
    path = tmp_path / f"{kind}.csv"
    path.write_text(content, encoding="utf-8")
    load = import_products if kind == "products" else import_reps
    with pytest.raises(BadInput, match=problem) as refused, unit_of_work(database_url) as uow:
        load(uow, path)
    assert str(refused.value).startswith(f"{kind}.csv: ")
    assert str(refused.value).endswith("nothing was imported")
    assert count(database_url, Product if kind == "products" else Rep) == 0


def test_rep_families_match_products_whatever_their_case(url: str, tmp_path: Path) -> None:
    reps = tmp_path / "sw.csv"
    reps.write_text("code,name,countries,families\nR-SW,Tom Baker,US,SOFTWARE;software\n")
    with unit_of_work(url) as uow:
        import_reps(uow, reps)
    austin = {**GOOD, "city": "Austin", "region": "TX", "postcode": "73301", "products": "SW-MON"}
    imported(url, write_csv(tmp_path / "in.csv", [austin]))
    assert [row["rep"] for row in inquiries(url)] == ["R-SW"]
