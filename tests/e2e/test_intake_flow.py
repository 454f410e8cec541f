"""The intake flow run through Prefect: an inbox of files becomes inquiries."""

from pathlib import Path

import pytest

from fulfilment.catalog import import_products
from fulfilment.db import unit_of_work
from fulfilment.reps import import_reps
from fulfilment.views import inquiry_list, quarantine_list
from tests.support.samples import CHINESE, GOOD, reference_files, write_csv, write_json


def test_intake_flow_imports_the_inbox_and_files_it_away(
    prefect_harness: None, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.intake import intake

    monkeypatch.setenv("LITCENTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LITCENTER_DATABASE_URL", database_url)
    products, reps = reference_files(tmp_path)
    with unit_of_work(database_url) as uow:
        import_products(uow, products)
        import_reps(uow, reps)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_csv(inbox / "web.csv", [GOOD, {**GOOD, "external_id": "bad", "received_at": "?"}])
    write_json(inbox / "china.json", [CHINESE])
    (inbox / "notes.txt").write_text("not an inquiry file")

    summaries = intake(inbox)

    assert sorted((s["file"], s["accepted"], s["quarantined"]) for s in summaries) == [
        ("china.json", 1, 0),
        ("web.csv", 1, 1),
    ]
    with unit_of_work(database_url) as uow:
        assert [row["external_id"] for row in inquiry_list(uow.session)] == ["W-1", "W-CN"]
        assert len(quarantine_list(uow.session)) == 1
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == ["china.json", "web.csv"]
    assert sorted(p.name for p in inbox.iterdir()) == ["notes.txt", "processed"]

    write_csv(inbox / "web.csv", [GOOD])
    [again] = intake(inbox)
    assert again["duplicates"] == 1
    assert (inbox / "processed" / "web.1.csv").exists(), "an earlier file is never overwritten"
