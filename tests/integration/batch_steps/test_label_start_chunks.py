"""A batch that starts on a partly used label sheet is cut into chunks of whole sheets still."""

from pathlib import Path

from fulfilment.batch.steps.render import chunk_positions
from fulfilment.db import unit_of_work
from tests.support.batches import planned
from tests.support.synthetic import BATCH_DAY, synthetic_world
from tests.support.world import PROFILE

PER_SHEET = 30  # the profile's Avery 5160


def test_the_first_chunk_is_short_by_the_used_labels_and_every_other_ends_a_sheet(
    database_url: str, tmp_path: Path
) -> None:
    synthetic_world(database_url, tmp_path / "home", inquiries=700)
    batch_id = planned(database_url, BATCH_DAY, profile=PROFILE).batch_id
    with unit_of_work(database_url) as uow:
        fresh = chunk_positions(uow.session, batch_id, profile=PROFILE)
        started = chunk_positions(uow.session, batch_id, profile=PROFILE, label_start=7)

    assert len(started) > 1
    assert [p for chunk in started for p in chunk] == [p for chunk in fresh for p in chunk]
    assert (6 + len(started[0])) % PER_SHEET == 0, "chunk 1 fills the started sheet"
    assert all(len(chunk) % PER_SHEET == 0 for chunk in started[1:-1]), "whole sheets between"
