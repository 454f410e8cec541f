"""Renderers sharing a batch's chunks: each chunk is claimed by exactly one of them."""

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fulfilment.batch.render_step import claim_chunk


def test_a_chunk_is_claimed_once_however_many_processes_ask(tmp_path: Path) -> None:
    claims = tmp_path / "claims-run"
    with ProcessPoolExecutor(max_workers=4) as pool:
        granted = list(pool.map(claim_chunk, [claims] * 40, [index // 4 for index in range(40)]))
    assert sum(granted) == 10, "ten chunks, one claim each"
    assert sorted(path.name for path in claims.iterdir()) == [f"{i:05d}" for i in range(10)]
    assert not claim_chunk(claims, 3)
    assert claim_chunk(tmp_path / "claims-next-run", 3), "another run's claims are its own"
